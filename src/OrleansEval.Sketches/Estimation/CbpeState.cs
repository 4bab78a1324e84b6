namespace OrleansEval.Sketches.Estimation;

/// <summary>
/// Confidence-based performance estimation (CBPE, as NannyML defines it for binary classification) for one time bucket:
/// the expected confusion counts of the predictions seen, and what the estimated ROC AUC needs, in a mergeable state.
/// A mutable sealed class, not thread-safe; <see cref="Clone"/> gives an independent copy.
/// </summary>
/// <remarks>
/// <para>
/// Each prediction's raw score s gives a calibrated probability p = <see cref="CalibrationMap.Calibrate"/>(s) and a
/// predicted label ŷ = [s ≥ <see cref="Threshold"/>]. It adds p to the expected true positives and 1 − p to the expected
/// false positives when ŷ = 1, and p to the expected false negatives and 1 − p to the expected true negatives when ŷ = 0.
/// For ROC AUC the state keeps, per distinct raw score, the number of predictions and the sum of p (so Σ(1 − p) too):
/// exactly up to <see cref="MaxExactScores"/> distinct scores, then per cell of a dyadic grid of width 2^-j, j chosen
/// as the finest level that keeps at most <see cref="MaxExactScores"/> occupied cells (see <see cref="Resolution"/>).
/// The grid leaves accuracy, precision, recall and F1 untouched (they are accumulated per prediction). It only merges
/// thresholds: within a cell the curve of expected (FPR, TPR) is replaced by its chord, so the grid's ROC AUC is at most
/// Σ_cells ΔFPR · ΔTPR / 2 ≤ max_cells ΔTPR / 2 below the exact value, never above it (the calibration map is monotone);
/// <see cref="CbpeEstimate.RocAucErrorBound"/> reports that sum.
/// </para>
/// <para>
/// Probabilities are accumulated in 53-bit fixed point (p rounded to a multiple of 2^-53, an error below 1.2e-16 per
/// prediction), so sums are exact integers: merging is associative and commutative bit for bit, and a bucket built from
/// any partition of its predictions, in any order, serializes to the same bytes and gives the same estimate.
/// </para>
/// <para>
/// Binary format, version 1, little-endian: type tag 0x06, version 1; the calibration map's fingerprint (uint64); the
/// threshold (double); the cap of exact scores (LEB128); the grid level (byte, 0xFF in exact mode); the numbers of
/// predicted positives and negatives (LEB128); the sums of p over predicted positives and over predicted negatives (each
/// a 128-bit fixed-point integer as two LEB128 halves, low first); the number of cells (LEB128); per cell, ascending, the
/// score or the cell's lower edge (double), the number of predictions (LEB128) and the sum of p (two LEB128 halves).
/// </para>
/// </remarks>
public sealed partial class CbpeState
{
    /// <summary>Default cap of distinct raw scores kept exactly.</summary>
    public const int DefaultMaxExactScores = 2048;

    /// <summary>Largest accepted cap of distinct raw scores.</summary>
    public const int MaximumMaxExactScores = 1 << 20;

    /// <summary>2^53: the fixed-point unit of probability.</summary>
    private const double FixedOne = 9007199254740992.0;

    private readonly ScoreCells _cells;
    private long _predictedPositives;
    private long _predictedNegatives;
    private UInt128 _positiveMass;
    private UInt128 _negativeMass;

    /// <summary>An empty state.</summary>
    /// <param name="calibration">The map frozen with the reference set.</param>
    /// <param name="threshold">The model's decision threshold on the raw score; ŷ = 1 when score ≥ threshold.</param>
    /// <param name="maxExactScores">Distinct raw scores kept exactly before the grid takes over, 1 to 2^20.</param>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is not finite or the cap is out of range.</exception>
    public CbpeState(CalibrationMap calibration, double threshold = 0.5, int maxExactScores = DefaultMaxExactScores)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        if (!double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be finite.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxExactScores, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxExactScores, MaximumMaxExactScores);
        Calibration = calibration;
        Threshold = threshold + 0.0;
        MaxExactScores = maxExactScores;
        _cells = new ScoreCells(maxExactScores);
    }

    /// <summary>The calibration map applied to every score.</summary>
    public CalibrationMap Calibration { get; }

    /// <summary>The decision threshold on the raw score.</summary>
    public double Threshold { get; }

    /// <summary>Distinct raw scores kept exactly before the grid takes over.</summary>
    public int MaxExactScores { get; }

    /// <summary>Number of predictions seen.</summary>
    public long Count => checked(_predictedPositives + _predictedNegatives);

    /// <summary>True when no prediction has been seen.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Number of predictions with score ≥ <see cref="Threshold"/>.</summary>
    public long PredictedPositives => _predictedPositives;

    /// <summary>
    /// Null while every distinct raw score is kept (ROC AUC is then NannyML's value); otherwise the level j of the dyadic
    /// grid, cells of width 2^-j, on which the scores are kept.
    /// </summary>
    public int? Resolution => _cells.Level == ScoreCells.Exact ? null : _cells.Level;

    /// <summary>Number of distinct scores (exact) or occupied grid cells (coarse) held.</summary>
    public int CellCount => _cells.Length;

    /// <summary>Adds one scored prediction. Allocates nothing once the state has reached its size.</summary>
    /// <param name="score">The raw score, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is NaN or outside [0, 1].</exception>
    public void Add(double score)
    {
        if (!(score >= 0.0 && score <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "Scores must lie in [0, 1].");
        }

        // −0 and +0 are one score.
        score += 0.0;
        var mass = ToFixed(Calibration.Calibrate(score));
        if (score >= Threshold)
        {
            _predictedPositives++;
            _positiveMass += mass;
        }
        else
        {
            _predictedNegatives++;
            _negativeMass += mass;
        }

        _cells.Add(score, mass);
    }

    /// <summary>Adds the predictions summarised by <paramref name="other"/>, which is left unchanged.</summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="other"/> uses another calibration map, threshold or cap of exact scores.
    /// </exception>
    public void Merge(CbpeState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Calibration.Fingerprint != Calibration.Fingerprint)
        {
            throw new ArgumentException("The states were accumulated under different calibration maps.", nameof(other));
        }

        if (!other.Threshold.Equals(Threshold) || other.MaxExactScores != MaxExactScores)
        {
            throw new ArgumentException(
                $"Threshold {other.Threshold} and cap {other.MaxExactScores} differ from {Threshold} and {MaxExactScores}.",
                nameof(other));
        }

        var source = ReferenceEquals(other, this) ? other.Clone() : other;
        _predictedPositives = checked(_predictedPositives + source._predictedPositives);
        _predictedNegatives = checked(_predictedNegatives + source._predictedNegatives);
        _positiveMass += source._positiveMass;
        _negativeMass += source._negativeMass;
        _cells.Merge(source._cells);
    }

    /// <summary>An independent copy.</summary>
    public CbpeState Clone() => new(this);

    private CbpeState(CbpeState source)
    {
        Calibration = source.Calibration;
        Threshold = source.Threshold;
        MaxExactScores = source.MaxExactScores;
        _cells = source._cells.Clone();
        _predictedPositives = source._predictedPositives;
        _predictedNegatives = source._predictedNegatives;
        _positiveMass = source._positiveMass;
        _negativeMass = source._negativeMass;
    }

    private static ulong ToFixed(double probability) =>
        (ulong)Math.Round(Math.Clamp(probability, 0.0, 1.0) * FixedOne, MidpointRounding.ToEven);

    private static double FromFixed(UInt128 value) => (double)value / FixedOne;

    private static UInt128 Complement(long count, UInt128 mass) => ((UInt128)(ulong)count << 53) - mass;
}
