using System.Collections.Immutable;
using OrleansEval.RootCause;

namespace OrleansEval.Recommendations;

/// <summary>
/// Whether to retrain — the metric (or its estimate) significantly worse than the baseline's, and the features' drift
/// explaining part of it — and what to add to the training set.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.RecommendationReport")]
[Immutable]
public sealed record RecommendationReport
{
    /// <summary>The metric judged (the task's default root-cause metric).</summary>
    [Id(0)] public required string Metric { get; init; }

    /// <summary>Start of the current window (inclusive).</summary>
    [Id(1)] public required DateTimeOffset From { get; init; }

    /// <summary>End of the current window (exclusive).</summary>
    [Id(2)] public required DateTimeOffset To { get; init; }

    /// <summary>The baseline compared with.</summary>
    [Id(3)] public required RootCauseBaseline Baseline { get; init; }

    /// <summary>The window's side: realised metric, labelled rows, rows and the label-free estimate.</summary>
    [Id(4)] public required RootCauseCurrent Current { get; init; }

    /// <summary>True when retraining is advised.</summary>
    [Id(5)] public required bool Retrain { get; init; }

    /// <summary>One sentence saying why or why not.</summary>
    [Id(6)] public required string Reason { get; init; }

    /// <summary>What the decision compared: <c>realised</c>, <c>estimated</c>, or null when neither could be.</summary>
    [Id(7)] public string? Basis { get; init; }

    /// <summary>The test of the window against the baseline: <c>twoProportionZ</c> or <c>welchT</c>; null when none ran.</summary>
    [Id(8)] public string? Test { get; init; }

    /// <summary>The test's two-sided p-value; null when none ran.</summary>
    [Id(9)] public double? PValue { get; init; }

    /// <summary>The leading feature whose drift explains the largest share of the change; null when none does.</summary>
    [Id(10)] public string? DriftFeature { get; init; }

    /// <summary>The share of the change that feature's drift explains (its mix, or its driftImpact for an estimate).</summary>
    [Id(11)] public double? DriftShare { get; init; }

    /// <summary>The bins to add to the training set, the largest expected gain first.</summary>
    [Id(12)] public ImmutableArray<TrainingAddition> Additions { get; init; } = [];

    /// <summary>What could not be computed, and why.</summary>
    [Id(13)] public ImmutableArray<RootCauseGap> Gaps { get; init; } = [];
}
