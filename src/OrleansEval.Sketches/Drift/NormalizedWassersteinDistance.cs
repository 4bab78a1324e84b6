using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Wasserstein-1 distance scaled by the reference spread, <c>wassersteinNormed</c> = W1 / max(σ, floor), where σ is the
/// reference's population standard deviation (ddof = 0), kept with the moments and passed in. The floor defaults to
/// <see cref="DefaultStdFloor"/> = 0.001, the convention of the reference vectors: for a constant reference (σ = 0) they
/// report W1 / 0.001, not an undefined value. A floor of 0 gives the plain ratio, which is null when σ = 0. The floor also
/// applies to non-constant features whose σ is below it, so it assumes features are not measured on a scale far below
/// 0.001. Higher means more drift.
/// </summary>
public sealed class NormalizedWassersteinDistance : IDriftMeasure
{
    /// <summary>The default lower bound on the reference standard deviation, 0.001.</summary>
    public const double DefaultStdFloor = 1e-3;

    private NormalizedWassersteinDistance()
    {
    }

    /// <summary>The single instance, which carries the measure's name, default threshold and direction.</summary>
    public static NormalizedWassersteinDistance Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "wassersteinNormed";

    /// <summary>0.1 reference standard deviations.</summary>
    public double DefaultThreshold => 0.1;

    /// <inheritdoc />
    public DriftDirection Direction => DriftDirection.HigherMeansDrift;

    /// <inheritdoc />
    public bool IsAtMostOne => false;

    /// <inheritdoc />
    public DriftMeasureInput Input => DriftMeasureInput.Samples;

    /// <summary>Undefined without both views and the reference standard deviation; the floor comes from the inputs' options.</summary>
    public DriftMeasureResult Measure(DriftInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return DriftMeasureResult.Number(
            Name,
            inputs.HasSamples && inputs.ReferenceStd is { } std ? FromDistance(inputs.Comparison.Wasserstein, std, inputs.Options.WassersteinStdFloor) : null);
    }

    /// <summary>The scaled distance between the two views; null when either is empty or the scale is 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The standard deviation or the floor is negative.</exception>
    public static double? Compute(QuantileSortedView reference, QuantileSortedView current, double referenceStd, double stdFloor = DefaultStdFloor) =>
        FromDistance(WassersteinDistance.Compute(reference, current), referenceStd, stdFloor);

    /// <summary>
    /// <paramref name="wasserstein"/> / max(<paramref name="referenceStd"/>, <paramref name="stdFloor"/>); null when the
    /// distance is null or NaN, or the scale is 0 or NaN.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The standard deviation or the floor is negative.</exception>
    public static double? FromDistance(double? wasserstein, double referenceStd, double stdFloor = DefaultStdFloor)
    {
        if (referenceStd < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(referenceStd), referenceStd, "A standard deviation cannot be negative.");
        }

        if (!(stdFloor >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(stdFloor), stdFloor, "The floor must be a non-negative number.");
        }

        var scale = Math.Max(referenceStd, stdFloor);
        if (wasserstein is not { } distance || double.IsNaN(distance) || !(scale > 0))
        {
            return null;
        }

        return distance / scale;
    }
}
