namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Hellinger distance, <c>hellinger</c> = √(1 − Σ √(p · q)) on the raw proportions (count / total), evaluated in the
/// algebraically equal and cancellation-free form √(½ Σ (√p − √q)²). Range 0..1; higher means more drift.
/// </summary>
public sealed class HellingerDistance : IBinnedDriftMeasure
{
    private HellingerDistance()
    {
    }

    /// <summary>The single instance.</summary>
    public static HellingerDistance Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "hellinger";

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
            var d = Math.Sqrt(referenceCounts[i] / referenceTotal) - Math.Sqrt(currentCounts[i] / currentTotal);
            sum += d * d;
        }

        return Math.Sqrt(Math.Min(0.5 * sum, 1));
    }
}
