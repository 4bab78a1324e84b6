namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Total variation distance, <c>totalVariation</c> = ½ Σ |p − q| over the bins, on the raw proportions (count / total).
/// Range 0..1; higher means more drift.
/// </summary>
public sealed class TotalVariationDistance : IBinnedDriftMeasure
{
    private TotalVariationDistance()
    {
    }

    /// <summary>The single instance.</summary>
    public static TotalVariationDistance Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "totalVariation";

    /// <summary>0.1.</summary>
    public double DefaultThreshold => 0.1;

    /// <inheritdoc />
    public DriftDirection Direction => DriftDirection.HigherMeansDrift;

    /// <inheritdoc />
    public bool IsAtMostOne => true;

    /// <inheritdoc />
    public double? Compute(ReadOnlySpan<double> referenceCounts, ReadOnlySpan<double> currentCounts)
    {
        if (!BinnedCounts.TryGetTotals(referenceCounts, currentCounts, out var referenceTotal, out var currentTotal))
        {
            return null;
        }

        var sum = 0.0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            sum += Math.Abs((referenceCounts[i] / referenceTotal) - (currentCounts[i] / currentTotal));
        }

        return 0.5 * sum;
    }
}
