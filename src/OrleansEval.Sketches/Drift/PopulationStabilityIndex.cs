namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Population stability index, <c>psi</c>: Σ (q − p) · ln(q / p) over the bins, where p and q are the reference and current
/// proportions (count / total of each side). A proportion of exactly 0 is replaced by 1e-4 and the vectors are not
/// renormalised afterwards. Natural logarithm; 0 for identical distributions; higher means more drift.
/// </summary>
public sealed class PopulationStabilityIndex : IBinnedDriftMeasure
{
    private PopulationStabilityIndex()
    {
    }

    /// <summary>The single instance.</summary>
    public static PopulationStabilityIndex Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "psi";

    /// <summary>0.2, the conventional "significant shift" level, which is also the default numeric drift decision.</summary>
    public double DefaultThreshold => 0.2;

    /// <inheritdoc />
    public DriftDirection Direction => DriftDirection.HigherMeansDrift;

    /// <inheritdoc />
    public bool IsAtMostOne => false;

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
            var p = BinnedCounts.ReplacedProportion(referenceCounts[i], referenceTotal);
            var q = BinnedCounts.ReplacedProportion(currentCounts[i], currentTotal);
            sum += (q - p) * Math.Log(q / p);
        }

        return sum;
    }
}
