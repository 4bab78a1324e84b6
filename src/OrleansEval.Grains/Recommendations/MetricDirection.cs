using OrleansEval.RootCause;

namespace OrleansEval.Grains.Recommendations;

/// <summary>Which way a root-cause metric is better: accuracy higher, every loss (errorRate, logLoss, brier, mae, squaredError) lower.</summary>
internal static class MetricDirection
{
    /// <summary>True for accuracy.</summary>
    public static bool HigherIsBetter(string metric) => metric == RootCauseMetrics.Accuracy;

    /// <summary>True when <paramref name="value"/> is worse than <paramref name="reference"/> for <paramref name="metric"/>.</summary>
    public static bool IsWorse(string metric, double value, double reference) =>
        HigherIsBetter(metric) ? value < reference : value > reference;
}
