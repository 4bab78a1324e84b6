using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Computes every drift measure of one feature at once, from the reference and current counts of the same bins and, for a
/// numeric feature, the two sorted views (exact samples or sketch summaries) and the reference standard deviation.
/// </summary>
public static class DriftCalculator
{
    /// <summary>The binned measures of a categorical feature; the sample measures are null.</summary>
    /// <exception cref="ArgumentException">The count vectors differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, infinite or NaN.</exception>
    public static DriftMeasures ComputeCategorical(ReadOnlySpan<double> referenceCounts, ReadOnlySpan<double> currentCounts) =>
        ComputeBinned(DriftFeatureKind.Categorical, referenceCounts, currentCounts, null, null, null);

    /// <summary>
    /// Every measure of a numeric feature. <c>ks</c> and <c>wasserstein</c> need both views, <c>wassersteinNormed</c> also
    /// <paramref name="referenceStd"/> (the population standard deviation); pass null for what is not available and
    /// those measures are null. The KS p-value treats the views' total weights as the sample sizes.
    /// </summary>
    /// <exception cref="ArgumentException">The count vectors differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, infinite or NaN, or the standard deviation is negative.</exception>
    public static DriftMeasures ComputeNumeric(
        ReadOnlySpan<double> referenceCounts,
        ReadOnlySpan<double> currentCounts,
        QuantileSortedView? reference,
        QuantileSortedView? current,
        double? referenceStd,
        DriftOptions? options = null)
    {
        options ??= DriftOptions.Default;
        KolmogorovSmirnovResult? ks = null;
        double? wasserstein = null, normed = null;
        if (reference is { TotalWeight: > 0 } && current is { TotalWeight: > 0 })
        {
            var comparison = EmpiricalComparison.Compare(reference, current);
            ks = KolmogorovSmirnovTest.FromComparison(comparison, options.KolmogorovSmirnov ?? KolmogorovSmirnovOptions.Default);
            wasserstein = comparison.Wasserstein;
            if (referenceStd is { } std)
            {
                normed = NormalizedWassersteinDistance.FromDistance(wasserstein, std, options.WassersteinStdFloor);
            }
        }

        return ComputeBinned(DriftFeatureKind.Numeric, referenceCounts, currentCounts, ks, wasserstein, normed);
    }

    private static DriftMeasures ComputeBinned(
        DriftFeatureKind kind,
        ReadOnlySpan<double> referenceCounts,
        ReadOnlySpan<double> currentCounts,
        KolmogorovSmirnovResult? ks,
        double? wasserstein,
        double? normed)
    {
        var jsDivergence = JensenShannonDivergence.Instance.Compute(referenceCounts, currentCounts);
        return new DriftMeasures(
            kind,
            PopulationStabilityIndex.Instance.Compute(referenceCounts, currentCounts),
            KullbackLeiblerDivergence.Instance.Compute(referenceCounts, currentCounts),
            jsDivergence is { } d ? Math.Sqrt(d) : null,
            jsDivergence,
            HellingerDistance.Instance.Compute(referenceCounts, currentCounts),
            LInfinityDistance.Instance.Compute(referenceCounts, currentCounts),
            TotalVariationDistance.Instance.Compute(referenceCounts, currentCounts),
            ChiSquareTest.Compute(referenceCounts, currentCounts),
            ks,
            wasserstein,
            normed);
    }
}
