namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Jensen–Shannon distance, <c>jsDistance</c> = √(JS divergence) with the divergence in bits (log base 2) on the raw
/// proportions; see <see cref="JensenShannonDivergence"/>. A metric with range 0..1; higher means more drift. Its
/// default threshold 0.1 is the default categorical drift decision.
/// </summary>
public sealed class JensenShannonDistance : IBinnedDriftMeasure
{
    private JensenShannonDistance()
    {
    }

    /// <summary>The single instance.</summary>
    public static JensenShannonDistance Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "jsDistance";

    /// <summary>0.1.</summary>
    public double DefaultThreshold => 0.1;

    /// <inheritdoc />
    public DriftDirection Direction => DriftDirection.HigherMeansDrift;

    /// <inheritdoc />
    public bool IsAtMostOne => true;

    /// <inheritdoc />
    public double? Compute(ReadOnlySpan<double> referenceCounts, ReadOnlySpan<double> currentCounts)
    {
        var divergence = JensenShannonDivergence.Instance.Compute(referenceCounts, currentCounts);
        return divergence is { } d ? Math.Sqrt(d) : null;
    }
}
