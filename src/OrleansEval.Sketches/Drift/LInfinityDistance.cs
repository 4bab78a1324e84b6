namespace OrleansEval.Sketches.Drift;

/// <summary>
/// L∞ distance, <c>lInfinity</c> = max |p − q| over the bins, on the raw proportions (count / total). Range 0..1; higher
/// means more drift.
/// </summary>
public sealed class LInfinityDistance : IBinnedDriftMeasure
{
    private LInfinityDistance()
    {
    }

    /// <summary>The single instance.</summary>
    public static LInfinityDistance Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "lInfinity";

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

        var max = 0.0;
        for (var i = 0; i < referenceCounts.Length; i++)
        {
            max = Math.Max(max, Math.Abs((referenceCounts[i] / referenceTotal) - (currentCounts[i] / currentTotal)));
        }

        return max;
    }
}
