using System.Collections.Immutable;
using OrleansEval.Slices;

namespace OrleansEval.RootCause;

/// <summary>
/// The contribution of every feature to the change of a metric between a baseline and a window: per feature and bin,
/// the part its distribution's shift explains (<c>mix</c>), the part inside its bins (<c>within</c>), and the part its
/// drift predicts without labels (<c>driftImpact</c>); Σ(mix + within) over a feature's bins is the change.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.RootCauseReport")]
[Immutable]
public sealed record RootCauseReport
{
    /// <summary>The metric whose change is explained (one of <see cref="RootCauseMetrics.All"/>).</summary>
    [Id(0)] public required string Metric { get; init; }

    /// <summary>Start of the current window (inclusive).</summary>
    [Id(1)] public required DateTimeOffset From { get; init; }

    /// <summary>End of the current window (exclusive).</summary>
    [Id(2)] public required DateTimeOffset To { get; init; }

    /// <summary>The baseline side: its name and the metric over its labelled rows.</summary>
    [Id(3)] public required RootCauseBaseline Baseline { get; init; }

    /// <summary>The current side: the metric over the window's labelled rows, and how many rows there are.</summary>
    [Id(4)] public required RootCauseCurrent Current { get; init; }

    /// <summary>Current minus baseline metric; null when either side has no labelled row.</summary>
    [Id(5)] public double? Change { get; init; }

    /// <summary>Every feature's contribution, largest |mix| first (largest |driftImpact| first when there is no mix).</summary>
    [Id(6)] public required ImmutableArray<FeatureContribution> Features { get; init; }

    /// <summary>How the prediction's distribution moved (the score for a binary classifier, else the label or value).</summary>
    [Id(7)] public OutputDrift? Prediction { get; init; }

    /// <summary>How the actual's distribution moved, over the labelled rows of each side.</summary>
    [Id(8)] public OutputDrift? Actual { get; init; }

    /// <summary>What kind of failure the change is; null until it is classified.</summary>
    [Id(9)] public FailureMode? FailureMode { get; init; }

    /// <summary>Where the figures come from: <see cref="RootCauseSources.Rows"/> or <see cref="RootCauseSources.Bins"/>.</summary>
    [Id(10)] public required string Source { get; init; }

    /// <summary>True when some day of either side held more rows than the store keeps, so its rows were a sample.</summary>
    [Id(11)] public bool Approximate { get; init; }

    /// <summary>The slice asked for by name; null for none.</summary>
    [Id(12)] public string? Slice { get; init; }

    /// <summary>The conditions every row of both sides met; empty for every row.</summary>
    [Id(13)] public ImmutableArray<SliceCondition> Conditions { get; init; } = [];

    /// <summary>What could not be computed, and why (no labelled rows, a feature without bins, …).</summary>
    [Id(14)] public ImmutableArray<RootCauseGap> Gaps { get; init; } = [];
}
