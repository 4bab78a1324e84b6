namespace OrleansEval.Client;

/// <summary>A feature a performance alert names as a cause, with its contribution to the metric's change and its drift.</summary>
/// <param name="Feature">The feature.</param>
/// <param name="Mix">The change its distribution's shift explains at baseline performance; null without labelled rows.</param>
/// <param name="Within">The change inside its bins; null without labelled rows.</param>
/// <param name="DriftImpact">The change its drift predicts without labels.</param>
/// <param name="DriftMeasure">The deciding drift measure.</param>
/// <param name="DriftValue">The drift measure's value.</param>
/// <param name="Drifted">Whether the drift measure crosses its threshold.</param>
public sealed record AlertEventCause(string Feature, double? Mix, double? Within, double? DriftImpact, string? DriftMeasure, double? DriftValue, bool Drifted);
