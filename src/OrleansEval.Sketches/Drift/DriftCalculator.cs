using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Computes every catalogued drift measure of one feature at once, from the reference and current counts of the same bins
/// and, for a numeric feature, the two sorted views (exact samples or sketch summaries) and the reference standard deviation.
/// </summary>
public static class DriftCalculator
{
    /// <summary>The binned measures of a categorical feature; sample measures do not apply.</summary>
    /// <exception cref="ArgumentException">The count vectors differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, infinite or NaN.</exception>
    public static DriftMeasures ComputeCategorical(ReadOnlySpan<double> referenceCounts, ReadOnlySpan<double> currentCounts) =>
        Compute(new DriftInputs(DriftFeatureKind.Categorical, referenceCounts.ToArray(), currentCounts.ToArray()));

    /// <summary>
    /// Every measure of a numeric feature. Sample measures need both views, <c>wassersteinNormed</c> also
    /// <paramref name="referenceStd"/> (the population standard deviation); pass null for what is not available and
    /// those measures are undefined. The KS p-value treats the views' total weights as the sample sizes.
    /// </summary>
    /// <exception cref="ArgumentException">The count vectors differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, infinite or NaN, or the standard deviation is negative.</exception>
    public static DriftMeasures ComputeNumeric(
        ReadOnlySpan<double> referenceCounts,
        ReadOnlySpan<double> currentCounts,
        QuantileSortedView? reference,
        QuantileSortedView? current,
        double? referenceStd,
        DriftOptions? options = null) =>
        Compute(new DriftInputs(DriftFeatureKind.Numeric, referenceCounts.ToArray(), currentCounts.ToArray(), reference, current, referenceStd, options));

    /// <summary>Every measure of <see cref="DriftMeasureCatalogue.For"/> the inputs' kind, in catalogue order.</summary>
    /// <exception cref="ArgumentException">The count vectors differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, infinite or NaN, or the standard deviation is negative.</exception>
    public static DriftMeasures Compute(DriftInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new DriftMeasures(inputs.Kind, [.. DriftMeasureCatalogue.For(inputs.Kind).Select(m => m.Measure(inputs))]);
    }

    /// <summary>Every measure of features of <paramref name="kind"/>, each undefined: the answer when there is nothing to compare.</summary>
    public static DriftMeasures Undefined(DriftFeatureKind kind) =>
        new(kind, [.. DriftMeasureCatalogue.For(kind).Select(m => DriftMeasureResult.Undefined(m.Name))]);
}
