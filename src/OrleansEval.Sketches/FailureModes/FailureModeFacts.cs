namespace OrleansEval.Sketches.FailureModes;

/// <summary>What the failure-mode rules classify: a mean metric on both sides, every feature's facts, and the actual's drift.</summary>
/// <param name="Metric">The metric's API name.</param>
/// <param name="IsProportion">True for a share of rows (accuracy, errorRate), tested with two proportions; else Welch's t-test.</param>
/// <param name="Baseline">The metric over the baseline's labelled rows.</param>
/// <param name="Current">The metric over the window's labelled rows.</param>
/// <param name="Features">Every feature's facts.</param>
/// <param name="ActualDrifted">True when the actual's distribution drifted.</param>
public sealed record FailureModeFacts(
    string Metric,
    bool IsProportion,
    MetricSide Baseline,
    MetricSide Current,
    IReadOnlyList<FeatureFacts> Features,
    bool ActualDrifted)
{
    /// <summary>Current minus baseline.</summary>
    public double Change => Current.Value - Baseline.Value;
}
