namespace OrleansEval.Alerts;

/// <summary>
/// A feature a performance alert names as a cause: its contribution to the metric's change over the alert's window and
/// baseline (mix, within; driftImpact when the window has no labels), and its drift measure.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.AlertCause")]
[Immutable]
public sealed record AlertCause
{
    /// <summary>The feature.</summary>
    [Id(0)] public required string Feature { get; init; }

    /// <summary>The change its distribution's shift explains at baseline performance; null without labelled rows.</summary>
    [Id(1)] public double? Mix { get; init; }

    /// <summary>The change inside its bins; null without labelled rows.</summary>
    [Id(2)] public double? Within { get; init; }

    /// <summary>The change its drift predicts without labels.</summary>
    [Id(3)] public double? DriftImpact { get; init; }

    /// <summary>The deciding drift measure's name.</summary>
    [Id(4)] public string? DriftMeasure { get; init; }

    /// <summary>The deciding drift measure's value; null when undefined.</summary>
    [Id(5)] public double? DriftValue { get; init; }

    /// <summary>True when the drift measure crosses its threshold.</summary>
    [Id(6)] public bool Drifted { get; init; }
}
