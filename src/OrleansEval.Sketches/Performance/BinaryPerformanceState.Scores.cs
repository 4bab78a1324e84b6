namespace OrleansEval.Sketches.Performance;

/// <content>Score validation, the fixed-point terms of a row, and quantisation of the score maps to a dyadic grid.</content>
public sealed partial class BinaryPerformanceState
{
    /// <summary>Units of the score and squared-error sums: 2^62 per unit of score.</summary>
    internal const double ScoreScale = 4611686018427387904.0;

    /// <summary>Units of the log-loss sum: 2^56 per nat (−ln 1e-15 ≈ 34.5 fits a long with room to spare).</summary>
    internal const double LogLossScale = 72057594037927936.0;

    /// <summary>The largest log-loss term of one row, in units.</summary>
    internal static readonly long MaxLogLossUnits = (long)Math.Round(-PortableMath.Log(1.0 - (1.0 - LogLossClip)) * LogLossScale);

    private static double CheckScore(double score)
    {
        if (!(score >= 0 && score <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "A score must be a probability in [0, 1].");
        }

        return score == 0 ? 0 : score;
    }

    /// <summary>Bin i holds ⌊10·s⌋ = i; a score of 1 joins the last bin.</summary>
    private static int BinOf(double score) => Math.Min((int)(score * CalibrationBinCount), CalibrationBinCount - 1);

    private static void Terms(double score, bool actualPositive, out long scoreUnits, out long squaredErrorUnits, out long logLossUnits)
    {
        scoreUnits = (long)Math.Round(score * ScoreScale);
        var error = actualPositive ? 1.0 - score : score;
        squaredErrorUnits = (long)Math.Round(error * error * ScoreScale);
        var p = Math.Clamp(score, LogLossClip, 1.0 - LogLossClip);
        logLossUnits = (long)Math.Round(-PortableMath.Log(actualPositive ? p : 1.0 - p) * LogLossScale);
    }

    /// <summary>The lower edge of the grid cell of <paramref name="score"/> (exact in floating point), or the score itself while exact.</summary>
    private double Quantise(double score) => IsExact ? score : Math.Floor(score * _cellsPerUnit) * _cellWidth;

    private void SetResolution(int resolution)
    {
        _resolution = resolution;
        if (resolution != ExactResolution)
        {
            _cellsPerUnit = Math.ScaleB(1.0, resolution);
            _cellWidth = Math.ScaleB(1.0, -resolution);
        }
    }

    private void RequantiseMaps()
    {
        _positiveScores.MapKeys(Quantise);
        _negativeScores.MapKeys(Quantise);
    }

    /// <summary>Adds the scores of another state held at <paramref name="sourceResolution"/> (never coarser than this one).</summary>
    private void AddScores(CountTable<double> target, CountTable<double> source, int sourceResolution)
    {
        if (sourceResolution == _resolution)
        {
            target.AddAll(source);
        }
        else
        {
            target.AddAllMapped(source, Quantise);
        }
    }

    /// <summary>Moves to the finest grid, no finer than the current one, at which both classes fit the cap.</summary>
    private void CoarsenToFit()
    {
        var (positives, positiveCounts) = _positiveScores.ToSorted();
        var (negatives, negativeCounts) = _negativeScores.ToSorted();

        // Fits(j) is monotone in j and holds at j = 0 (at most two cells), so a binary search finds the largest fit.
        var low = 0;
        var high = Math.Min(_resolution, MaxResolution);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Fits(positives, middle) && Fits(negatives, middle))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        SetResolution(low);
        _positiveScores.ReplaceWith(positives, positiveCounts, Quantise);
        _negativeScores.ReplaceWith(negatives, negativeCounts, Quantise);
    }

    /// <summary>Whether the ascending <paramref name="keys"/> occupy at most the cap of cells at <paramref name="resolution"/>.</summary>
    private bool Fits(double[] keys, int resolution)
    {
        if (keys.Length <= MaxDistinctScores)
        {
            return true;
        }

        var scale = Math.ScaleB(1.0, resolution);
        var cells = 0;
        var previous = double.NaN;
        foreach (var key in keys)
        {
            var cell = Math.Floor(key * scale);
            if (cell != previous)
            {
                if (++cells > MaxDistinctScores)
                {
                    return false;
                }

                previous = cell;
            }
        }

        return true;
    }
}
