namespace OrleansEval.Recommendations;

/// <summary>
/// A question of what to retrain on: the rows of [<see cref="From"/>, <see cref="To"/>) of one version and environment
/// (every one when null) against a baseline (the latest when null).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.RecommendationQuery")]
[Immutable]
public sealed record RecommendationQuery
{
    /// <summary>The baseline compared with; the latest by revision when null.</summary>
    [Id(0)] public string? Baseline { get; init; }

    /// <summary>The version of the current rows; every version when null.</summary>
    [Id(1)] public string? Version { get; init; }

    /// <summary>The environment of the current rows; every environment when null.</summary>
    [Id(2)] public string? Environment { get; init; }

    /// <summary>Start of the current window (inclusive).</summary>
    [Id(3)] public required DateTimeOffset From { get; init; }

    /// <summary>End of the current window (exclusive).</summary>
    [Id(4)] public required DateTimeOffset To { get; init; }
}
