using OrleansEval.Sketches.Slicing;

namespace OrleansEval.Sketches.FailureModes;

/// <summary>
/// Whether a mean metric changed significantly between two sides: the pooled two-proportion z-test for a share of rows
/// (the successes are value × rows, rounded), Welch's t-test for any other mean, which needs each side's variance.
/// </summary>
public static class MetricChangeTest
{
    /// <summary>The two-sided p-value and the test's name; null when the test cannot be run (a variance unknown, no rows on a side).</summary>
    public static (double PValue, string Test)? Of(bool isProportion, MetricSide baseline, MetricSide current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        if (baseline.Labelled <= 0 || current.Labelled <= 0 || !double.IsFinite(baseline.Value) || !double.IsFinite(current.Value))
        {
            return null;
        }

        if (isProportion)
        {
            var baselineSuccesses = Successes(baseline);
            var currentSuccesses = Successes(current);
            return (SliceSignificance.TwoProportionZ(currentSuccesses, current.Labelled, baselineSuccesses, baseline.Labelled), "twoProportionZ");
        }

        return baseline.Variance is { } baselineVariance && current.Variance is { } currentVariance
            ? (SliceSignificance.WelchT(current.Labelled, current.Value, currentVariance, baseline.Labelled, baseline.Value, baselineVariance), "welchT")
            : null;
    }

    private static long Successes(MetricSide side) =>
        (long)Math.Round(Math.Clamp(side.Value, 0, 1) * side.Labelled, MidpointRounding.AwayFromZero);
}
