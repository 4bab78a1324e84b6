namespace OrleansEval.Sketches.Performance;

/// <summary>
/// Mergeable, subtractable performance state of a binary classifier over one slice and time bucket: confusion counts at
/// the caller's threshold, per-class score counts for ROC AUC, and exact fixed-point sums for log loss, Brier score and ten
/// calibration bins. <see cref="Remove"/> takes back exactly what <see cref="Add"/> put in.
/// </summary>
/// <remarks>
/// <para>
/// Scores. Each class keeps a map score → count (a hash table, put in order when queried). While every class has at
/// most <see cref="MaxDistinctScores"/> distinct scores the maps are exact and ROC AUC is the exact Mann–Whitney statistic
/// with ties counted ½ (the trapezoid rule). One more distinct score coarsens the state for good: scores are replaced by the lower edge of their cell on the
/// dyadic grid of width 2^-j, for the largest j ≤ 52 (the finest grid) at which both classes fit the cap. Grids are
/// nested, so re-quantising a quantised score gives the cell of the original score: a later row, a merge (which takes the
/// coarser resolution) and <see cref="Remove"/> all quantise the same way. The resolution after any sequence of adds and
/// merges is min(resolutions, finest fit of all rows), so merging is associative and commutative even when coarse.
/// </para>
/// <para>
/// Error bound. Quantisation by ⌊2^j·s⌋ keeps the order of every pair in different cells, and a pair in one cell counts
/// ½ where the exact statistic counts 0, ½ or 1. So |AUC − exact AUC| ≤ ½·(pairs sharing a cell)/(positives·negatives),
/// which is <see cref="RocAucBound"/>; it is 0 while exact. Rows removed after coarsening do not restore the resolution.
/// </para>
/// <para>
/// Sums. Each scored row adds round(2^62·s) to the score sum of its calibration bin, round(2^62·(s − y)²) to the squared
/// error sum and round(2^56·(−ln p)) to the log-loss sum (p the clipped probability of the actual class; the logarithm is
/// <see cref="PortableMath.Log"/>, bit-identical on every machine). The sums are 128-bit integers, so removal, merging and
/// serialization are exact and order-independent: the bytes of a state depend only on the multiset of rows (and, once
/// coarse, its resolution). The rounding costs at most 2^-57 per row in the means.
/// </para>
/// <para>
/// Scores must lie in [0, 1]; negative zero is stored as zero. <see cref="Add"/> and <see cref="Remove"/> are O(1) and
/// allocate nothing once the tables have grown to their working size; coarsening, merging and the metrics sort the
/// maps (O(cap·log cap)). Instances are not thread-safe.
/// </para>
/// </remarks>
public sealed partial class BinaryPerformanceState
{
    /// <summary>Default cap on distinct scores per class kept exactly.</summary>
    public const int DefaultMaxDistinctScores = 2048;

    /// <summary>Smallest accepted cap (the coarsest grid, j = 0, has two cells: [0, 1) and {1}).</summary>
    public const int MinimumMaxDistinctScores = 2;

    /// <summary>Largest accepted cap.</summary>
    public const int MaximumMaxDistinctScores = 1 << 20;

    /// <summary>Finest grid resolution: cells of width 2^-52.</summary>
    public const int MaxResolution = 52;

    /// <summary>Number of calibration bins.</summary>
    public const int CalibrationBinCount = 10;

    /// <summary>Probabilities are clipped to [<see cref="LogLossClip"/>, 1 − <see cref="LogLossClip"/>] for log loss.</summary>
    public const double LogLossClip = 1e-15;

    private const int ExactResolution = int.MaxValue;

    private readonly CountTable<double> _positiveScores = new();
    private readonly CountTable<double> _negativeScores = new();
    private readonly long[] _binCounts = new long[CalibrationBinCount];
    private readonly long[] _binPositives = new long[CalibrationBinCount];
    private readonly Int128[] _binScoreSums = new Int128[CalibrationBinCount];
    private Int128 _squaredErrorSum;
    private Int128 _logLossSum;
    private long _truePositives;
    private long _falsePositives;
    private long _trueNegatives;
    private long _falseNegatives;
    private int _resolution = ExactResolution;
    private double _cellsPerUnit = 1;
    private double _cellWidth = 1;

    /// <summary>Creates an empty state.</summary>
    /// <param name="maxDistinctScores">
    /// Distinct scores per class kept exactly before the scores are quantised, <see cref="MinimumMaxDistinctScores"/> to
    /// <see cref="MaximumMaxDistinctScores"/>.
    /// </param>
    public BinaryPerformanceState(int maxDistinctScores = DefaultMaxDistinctScores)
    {
        if (maxDistinctScores is < MinimumMaxDistinctScores or > MaximumMaxDistinctScores)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxDistinctScores),
                maxDistinctScores,
                $"The cap must be between {MinimumMaxDistinctScores} and {MaximumMaxDistinctScores}.");
        }

        MaxDistinctScores = maxDistinctScores;
    }

    /// <summary>The cap on distinct scores (or grid cells) per class.</summary>
    public int MaxDistinctScores { get; }

    /// <summary>Rows counted.</summary>
    public long Count => _truePositives + _falsePositives + _trueNegatives + _falseNegatives;

    /// <summary>Rows counted with a score.</summary>
    public long ScoredCount => _positiveScores.Total + _negativeScores.Total;

    /// <summary>True when no row is counted.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>True while the scores are kept exactly.</summary>
    public bool IsExact => _resolution == ExactResolution;

    /// <summary>The grid resolution j (cells of width 2^-j), or null while exact.</summary>
    public int? Resolution => IsExact ? null : _resolution;

    /// <summary>Predicted positive, actually positive.</summary>
    public long TruePositives => _truePositives;

    /// <summary>Predicted positive, actually negative.</summary>
    public long FalsePositives => _falsePositives;

    /// <summary>Predicted negative, actually negative.</summary>
    public long TrueNegatives => _trueNegatives;

    /// <summary>Predicted negative, actually positive.</summary>
    public long FalseNegatives => _falseNegatives;

    /// <summary>Distinct scores (or cells) held for the positive class.</summary>
    public int DistinctPositiveScores => _positiveScores.Size;

    /// <summary>Distinct scores (or cells) held for the negative class.</summary>
    public int DistinctNegativeScores => _negativeScores.Size;

    /// <summary>
    /// The largest possible |ROC AUC − exact ROC AUC|: ½·(positive–negative pairs in one grid cell)/(positives·negatives)
    /// once coarse, 0 while exact or when AUC is undefined. Computed in one pass over the score maps.
    /// </summary>
    public double RocAucBound => IsExact ? 0 : ComputeRocAuc().Bound;

    /// <summary>Counts one row.</summary>
    /// <param name="score">The predicted probability of the positive class in [0, 1], or null when the row has no score.</param>
    /// <param name="predictedPositive">Whether the prediction (at the caller's threshold) is the positive class.</param>
    /// <param name="actualPositive">Whether the actual is the positive class.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is not in [0, 1].</exception>
    public void Add(double? score, bool predictedPositive, bool actualPositive)
    {
        ref var cell = ref ConfusionCell(predictedPositive, actualPositive);
        var incremented = checked(cell + 1);
        if (score is { } raw)
        {
            var s = CheckScore(raw);
            Terms(s, actualPositive, out var scoreUnits, out var squaredErrorUnits, out var logLossUnits);
            var bin = BinOf(s);
            var map = actualPositive ? _positiveScores : _negativeScores;
            map.Add(Quantise(s), 1);
            _binCounts[bin]++;
            if (actualPositive)
            {
                _binPositives[bin]++;
            }

            _binScoreSums[bin] += scoreUnits;
            _squaredErrorSum += squaredErrorUnits;
            _logLossSum += logLossUnits;
            if (map.Size > MaxDistinctScores)
            {
                CoarsenToFit();
            }
        }

        cell = incremented;
    }

    /// <summary>
    /// Takes back one row counted by <see cref="Add"/> with the same arguments; the state is then the state that never saw
    /// it (in bytes as well, unless that add coarsened the state).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is not in [0, 1].</exception>
    /// <exception cref="InvalidOperationException">
    /// No such row is counted; the state is unchanged. Only inconsistencies visible in the counts are detected.
    /// </exception>
    public void Remove(double? score, bool predictedPositive, bool actualPositive)
    {
        ref var cell = ref ConfusionCell(predictedPositive, actualPositive);
        if (cell == 0)
        {
            throw NotCounted();
        }

        if (score is { } raw)
        {
            var s = CheckScore(raw);
            Terms(s, actualPositive, out var scoreUnits, out var squaredErrorUnits, out var logLossUnits);
            var bin = BinOf(s);
            var classInBin = actualPositive ? _binPositives[bin] : _binCounts[bin] - _binPositives[bin];
            if (classInBin == 0 || _binScoreSums[bin] < scoreUnits || _squaredErrorSum < squaredErrorUnits || _logLossSum < logLossUnits
                || !(actualPositive ? _positiveScores : _negativeScores).TryRemoveOne(Quantise(s)))
            {
                throw NotCounted();
            }

            _binCounts[bin]--;
            if (actualPositive)
            {
                _binPositives[bin]--;
            }

            _binScoreSums[bin] -= scoreUnits;
            _squaredErrorSum -= squaredErrorUnits;
            _logLossSum -= logLossUnits;
        }

        cell--;
    }

    /// <summary>
    /// Adds every row of <paramref name="other"/>, which is left unchanged. The result takes the coarser resolution and
    /// keeps this instance's cap (coarsening further if the union does not fit it).
    /// </summary>
    public void Merge(BinaryPerformanceState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty)
        {
            return;
        }

        if (ReferenceEquals(other, this))
        {
            other = Clone();
        }

        var truePositives = checked(_truePositives + other._truePositives);
        var falsePositives = checked(_falsePositives + other._falsePositives);
        var trueNegatives = checked(_trueNegatives + other._trueNegatives);
        var falseNegatives = checked(_falseNegatives + other._falseNegatives);

        var resolution = Math.Min(_resolution, other._resolution);
        if (resolution != _resolution)
        {
            SetResolution(resolution);
            RequantiseMaps();
        }

        AddScores(_positiveScores, other._positiveScores, other._resolution);
        AddScores(_negativeScores, other._negativeScores, other._resolution);
        for (var i = 0; i < CalibrationBinCount; i++)
        {
            _binCounts[i] = checked(_binCounts[i] + other._binCounts[i]);
            _binPositives[i] += other._binPositives[i];
            _binScoreSums[i] = checked(_binScoreSums[i] + other._binScoreSums[i]);
        }

        _squaredErrorSum = checked(_squaredErrorSum + other._squaredErrorSum);
        _logLossSum = checked(_logLossSum + other._logLossSum);
        _truePositives = truePositives;
        _falsePositives = falsePositives;
        _trueNegatives = trueNegatives;
        _falseNegatives = falseNegatives;
        if (_positiveScores.Size > MaxDistinctScores || _negativeScores.Size > MaxDistinctScores)
        {
            CoarsenToFit();
        }
    }

    /// <summary>An independent copy.</summary>
    public BinaryPerformanceState Clone()
    {
        var copy = new BinaryPerformanceState(MaxDistinctScores);
        copy._positiveScores.CopyFrom(_positiveScores);
        copy._negativeScores.CopyFrom(_negativeScores);
        _binCounts.AsSpan().CopyTo(copy._binCounts);
        _binPositives.AsSpan().CopyTo(copy._binPositives);
        _binScoreSums.AsSpan().CopyTo(copy._binScoreSums);
        copy._squaredErrorSum = _squaredErrorSum;
        copy._logLossSum = _logLossSum;
        copy._truePositives = _truePositives;
        copy._falsePositives = _falsePositives;
        copy._trueNegatives = _trueNegatives;
        copy._falseNegatives = _falseNegatives;
        copy.SetResolution(_resolution);
        return copy;
    }

    private static InvalidOperationException NotCounted() =>
        new("The row to remove is not counted in this state; it was never added, already removed, or added with other arguments.");

    private ref long ConfusionCell(bool predictedPositive, bool actualPositive)
    {
        if (predictedPositive)
        {
            return ref actualPositive ? ref _truePositives : ref _falsePositives;
        }

        return ref actualPositive ? ref _falseNegatives : ref _trueNegatives;
    }
}
