namespace OrleansEval.Drift;

/// <summary>A drift question: a baseline, the series to compare with it, and a window.</summary>
[GenerateSerializer]
[Alias("OrleansEval.DriftQuery")]
[Immutable]
public sealed record DriftQuery(
    [property: Id(0)] string Baseline,
    [property: Id(1)] string Version,
    [property: Id(2)] string Environment,
    [property: Id(3)] DateTimeOffset From,
    [property: Id(4)] DateTimeOffset To);
