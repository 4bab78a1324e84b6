using System.Collections.Immutable;

namespace OrleansEval.Performance;

/// <summary>The performance of one slice over a window, and the same per step of the requested granularity.</summary>
[GenerateSerializer]
[Alias("OrleansEval.PerformanceReport")]
[Immutable]
public sealed record PerformanceReport(
    [property: Id(0)] string ModelId,
    [property: Id(1)] string Version,
    [property: Id(2)] string Environment,
    [property: Id(3)] SlicePerformance Total,
    [property: Id(4)] ImmutableArray<SlicePerformance> Series);
