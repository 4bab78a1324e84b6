namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Jensen–Shannon divergence, <c>jsDivergence</c> = ½ KL(p ‖ m) + ½ KL(q ‖ m) with m = (p + q) / 2, in bits (log base 2),
/// on the raw proportions (count / total; an empty bin contributes 0 · log 0 = 0). Range 0..1; the square of
/// <see cref="JensenShannonDistance"/>. Higher means more drift.
/// </summary>
public sealed class JensenShannonDivergence : IBinnedDriftMeasure
{
    private JensenShannonDivergence()
    {
    }

    /// <summary>The single instance.</summary>
    public static JensenShannonDivergence Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "jsDivergence";

    /// <summary>0.01 bits, the square of the distance's default 0.1.</summary>
    public double DefaultThreshold => 0.01;

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
            var p = referenceCounts[i] / referenceTotal;
            var q = currentCounts[i] / currentTotal;
            var m = 0.5 * (p + q);
            if (p > 0)
            {
                sum += p * Math.Log(p / m);
            }

            if (q > 0)
            {
                sum += q * Math.Log(q / m);
            }
        }

        return Math.Max(0.5 * sum / Math.Log(2), 0);
    }
}
