namespace OrleansEval.RootCause;

/// <summary>The baseline side of a root cause: the baseline's name and the metric over its labelled rows.</summary>
[GenerateSerializer]
[Alias("OrleansEval.RootCauseBaseline")]
[Immutable]
public sealed record RootCauseBaseline
{
    /// <summary>The baseline's name.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The metric over the baseline's labelled rows; null when it has none.</summary>
    [Id(1)] public double? Value { get; init; }

    /// <summary>Labelled baseline rows the metric applies to.</summary>
    [Id(2)] public required long Labelled { get; init; }

    /// <summary>Every baseline row read, labelled or not.</summary>
    [Id(3)] public required long Rows { get; init; }

    /// <summary>Population standard deviation of the per-row loss over the labelled rows (for a test of the change); null without rows.</summary>
    [Id(4)] public double? Deviation { get; init; }

    /// <summary>
    /// Where a per-bin answer's baseline side came from: <see cref="RootCauseSources.Kept"/> (the counts kept for it in
    /// the background) or <see cref="RootCauseSources.Rows"/> (its rows, counted at question time); null on a rows answer.
    /// </summary>
    [Id(5)] public string? Source { get; init; }

    /// <summary>
    /// Why a per-bin answer's baseline side was not read straight from the kept counts (not counted yet, its rows changed,
    /// the count failed) and how long the question waited for a count under way; null when it was.
    /// </summary>
    [Id(6)] public string? SourceNote { get; init; }
}
