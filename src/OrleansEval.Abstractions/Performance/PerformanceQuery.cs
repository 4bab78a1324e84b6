namespace OrleansEval.Performance;

/// <summary>
/// A performance question: a series, a window, a slice (as the API names it), and optionally a granularity for the
/// time series — a bucket multiple, or calendar months when <see cref="Monthly"/>.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.PerformanceQuery")]
[Immutable]
public sealed record PerformanceQuery(
    [property: Id(0)] string Version,
    [property: Id(1)] string Environment,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To,
    [property: Id(4)] string Slice,
    [property: Id(5)] TimeSpan? Granularity,
    [property: Id(6)] bool Monthly);
