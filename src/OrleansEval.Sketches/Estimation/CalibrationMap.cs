using OrleansEval.Sketches.Categories;

namespace OrleansEval.Sketches.Estimation;

/// <summary>
/// A frozen map from a model's raw score in [0, 1] to a calibrated probability, fitted once on a reference set: either the
/// identity (the scores were judged calibrated enough) or an isotonic regression of the actual labels on the scores.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The isotonic map is the least-squares non-decreasing fit by pool-adjacent-violators, ties in the score averaged first
/// (de Leeuw's secondary approach). Between fitted points it interpolates linearly; below the smallest or above the largest
/// reference score it returns the value at that end (clipping). This is the isotonic calibrator NannyML's CBPE uses.
/// </para>
/// <para>
/// Binary format, version 1, little-endian: type tag 0x05, version 1, the number of knots k (LEB128; 0 for the identity),
/// then the k knot scores (doubles, strictly increasing in [0, 1]) and the k knot probabilities (doubles, non-decreasing in
/// [0, 1]). <see cref="Fingerprint"/> is the stable 64-bit hash of these bytes.
/// </para>
/// </remarks>
public sealed partial class CalibrationMap
{
    private readonly double[] _x;
    private readonly double[] _y;

    private CalibrationMap(double[] x, double[] y)
    {
        _x = x;
        _y = y;
        Fingerprint = StableHash.Hash64(Serialize());
    }

    /// <summary>The map that leaves every score unchanged.</summary>
    public static CalibrationMap Identity { get; } = new([], []);

    /// <summary>True for the identity map, used when calibration was not needed.</summary>
    public bool IsIdentity => _x.Length == 0;

    /// <summary>Number of fitted points the isotonic map interpolates between; 0 for the identity.</summary>
    public int KnotCount => _x.Length;

    /// <summary>The fitted points' scores, strictly increasing; empty for the identity.</summary>
    public ReadOnlySpan<double> KnotScores => _x;

    /// <summary>The fitted points' probabilities, non-decreasing; empty for the identity.</summary>
    public ReadOnlySpan<double> KnotProbabilities => _y;

    /// <summary>
    /// Stable 64-bit hash of the serialized map, identical on every machine: states accumulated under one map record it so
    /// that they are never merged with, or read back under, another.
    /// </summary>
    public ulong Fingerprint { get; }

    /// <summary>
    /// Fits the map NannyML's CBPE would use: <see cref="CalibrationCheck.Evaluate"/> decides whether calibration is needed;
    /// if so the isotonic map is fitted on the whole reference set, otherwise the identity is returned.
    /// </summary>
    /// <param name="scores">Reference scores in [0, 1].</param>
    /// <param name="actuals">Reference labels, true for the positive class.</param>
    /// <param name="options">The check's settings; <see cref="CalibrationCheckOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The inputs differ in length, are empty or hold a score outside [0, 1].</exception>
    public static CalibrationMap Fit(
        ReadOnlySpan<double> scores,
        ReadOnlySpan<bool> actuals,
        CalibrationCheckOptions? options = null) =>
        CalibrationCheck.Evaluate(scores, actuals, options).NeedsCalibration ? FitIsotonic(scores, actuals) : Identity;

    /// <summary>Fits the isotonic map on every reference observation, without the needs-calibration check.</summary>
    /// <param name="scores">Reference scores in [0, 1].</param>
    /// <param name="actuals">Reference labels, true for the positive class.</param>
    /// <exception cref="ArgumentException">The inputs differ in length, are empty or hold a score outside [0, 1].</exception>
    public static CalibrationMap FitIsotonic(ReadOnlySpan<double> scores, ReadOnlySpan<bool> actuals)
    {
        ValidateReference(scores, actuals);
        var targets = new double[actuals.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = actuals[i] ? 1.0 : 0.0;
        }

        var (x, y) = IsotonicRegression.Fit(scores, targets);
        return new CalibrationMap(x, y);
    }

    /// <summary>
    /// The calibrated probability of <paramref name="score"/>: the score itself for the identity; otherwise linear
    /// interpolation between the fitted points, clipped to the end values outside their range. NaN maps to NaN.
    /// </summary>
    public double Calibrate(double score)
    {
        var x = _x;
        if (x.Length == 0 || double.IsNaN(score))
        {
            return score;
        }

        var y = _y;
        var last = x.Length - 1;
        if (score <= x[0])
        {
            return y[0];
        }

        if (score >= x[last])
        {
            return y[last];
        }

        var index = Array.BinarySearch(x, score);
        if (index >= 0)
        {
            return y[index];
        }

        var right = ~index;
        var left = right - 1;
        var slope = (y[right] - y[left]) / (x[right] - x[left]);
        var value = (slope * (score - x[left])) + y[left];

        // Rounding must not carry the value outside the segment: the map stays monotone and within [0, 1].
        return Math.Clamp(value, y[left], y[right]);
    }

    internal static void ValidateReference(ReadOnlySpan<double> scores, ReadOnlySpan<bool> actuals)
    {
        if (scores.Length != actuals.Length)
        {
            throw new ArgumentException($"There are {scores.Length} scores and {actuals.Length} actual labels.", nameof(actuals));
        }

        if (scores.IsEmpty)
        {
            throw new ArgumentException("The reference set is empty.", nameof(scores));
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (!(scores[i] >= 0.0 && scores[i] <= 1.0))
            {
                throw new ArgumentException($"Score {i} is {scores[i]}; scores must lie in [0, 1].", nameof(scores));
            }
        }
    }
}
