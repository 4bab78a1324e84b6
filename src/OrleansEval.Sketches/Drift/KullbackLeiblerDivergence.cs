namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Kullback–Leibler divergence of the current distribution from the reference, <c>klDivergence</c> = KL(q ‖ p) =
/// Σ q · ln(q / p), natural logarithm. The proportions (count / total) have every exact 0 replaced by 1e-4 and each vector
/// is then renormalised to sum to 1, so the value is always finite. 0 for identical distributions; higher means more drift.
/// </summary>
public sealed class KullbackLeiblerDivergence : IBinnedDriftMeasure
{
    private KullbackLeiblerDivergence()
    {
    }

    /// <summary>The single instance.</summary>
    public static KullbackLeiblerDivergence Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "klDivergence";

    /// <summary>0.1 nats.</summary>
    public double DefaultThreshold => 0.1;

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

        double referenceMass = 0, currentMass = 0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            referenceMass += BinnedCounts.ReplacedProportion(referenceCounts[i], referenceTotal);
            currentMass += BinnedCounts.ReplacedProportion(currentCounts[i], currentTotal);
        }

        var sum = 0.0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            var p = BinnedCounts.ReplacedProportion(referenceCounts[i], referenceTotal) / referenceMass;
            var q = BinnedCounts.ReplacedProportion(currentCounts[i], currentTotal) / currentMass;
            sum += q * Math.Log(q / p);
        }

        // Rounding can leave a tiny negative value for (near-)identical vectors; the divergence itself is never negative.
        return Math.Max(sum, 0);
    }
}
