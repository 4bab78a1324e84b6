namespace OrleansEval.Sketches.Binning;

/// <summary>
/// Ascending, distinct cut points of a numeric feature. k cut points make k + 1 bins, intervals closed on the left,
/// outer bins open: (-inf, c0), [c0, c1), ..., [c(k-1), +inf).
/// </summary>
public sealed class BinEdges : IEquatable<BinEdges>
{
    private readonly double[] _cutPoints;

    /// <summary>Creates edges from cut points that must be finite and strictly ascending.</summary>
    public BinEdges(IEnumerable<double> cutPoints)
    {
        ArgumentNullException.ThrowIfNull(cutPoints);
        _cutPoints = cutPoints.ToArray();
        for (var i = 0; i < _cutPoints.Length; i++)
        {
            if (!double.IsFinite(_cutPoints[i]))
            {
                throw new ArgumentException($"Cut point {i} is not a finite number.", nameof(cutPoints));
            }

            if (i > 0 && _cutPoints[i] <= _cutPoints[i - 1])
            {
                throw new ArgumentException($"Cut points must be strictly ascending; cut point {i} is not.", nameof(cutPoints));
            }
        }
    }

    /// <summary>The cut points, ascending.</summary>
    public ReadOnlySpan<double> CutPoints => _cutPoints;

    /// <summary>Number of bins: cut points + 1.</summary>
    public int BinCount => _cutPoints.Length + 1;

    /// <summary>Lower bound of bin <paramref name="bin"/>, or null for the first (open) bin.</summary>
    public double? Lower(int bin) => bin == 0 ? null : _cutPoints[bin - 1];

    /// <summary>Upper bound of bin <paramref name="bin"/>, or null for the last (open) bin.</summary>
    public double? Upper(int bin) => bin == _cutPoints.Length ? null : _cutPoints[bin];

    /// <summary>Index of the bin holding <paramref name="value"/>: the number of cut points less than or equal to it.</summary>
    public int BinOf(double value)
    {
        int lo = 0, hi = _cutPoints.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_cutPoints[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// Cut points at the reference quantiles k/bins, k = 1..bins-1, with linear interpolation between order statistics
    /// (the "type 7" definition), duplicates removed.
    /// </summary>
    public static BinEdges FromQuantiles(ReadOnlySpan<double> sample, int bins)
    {
        if (bins is < 2 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "The number of bins must be between 2 and 100.");
        }

        if (sample.IsEmpty)
        {
            throw new ArgumentException("Cannot cut bins from an empty sample.", nameof(sample));
        }

        var sorted = sample.ToArray();
        Array.Sort(sorted);
        var cuts = new List<double>(bins - 1);
        for (var k = 1; k < bins; k++)
        {
            var cut = Type7Quantile(sorted, (double)k / bins);
            if (cuts.Count == 0 || cut > cuts[^1])
            {
                cuts.Add(cut);
            }
        }

        return new BinEdges(cuts);
    }

    /// <summary>Quantile of a sorted sample by linear interpolation between order statistics: h = (n - 1) p.</summary>
    public static double Type7Quantile(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = h - lower;
        var a = sorted[lower];
        var b = sorted[upper];

        // Interpolate from the nearer order statistic, so the result is exact at both ends and symmetric.
        return fraction < 0.5 ? a + ((b - a) * fraction) : b - ((b - a) * (1 - fraction));
    }

    /// <inheritdoc />
    public bool Equals(BinEdges? other) => other is not null && _cutPoints.AsSpan().SequenceEqual(other._cutPoints);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BinEdges);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var cut in _cutPoints)
        {
            hash.Add(cut);
        }

        return hash.ToHashCode();
    }
}
