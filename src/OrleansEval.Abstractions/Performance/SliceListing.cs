using System.Collections.Immutable;

namespace OrleansEval.Performance;

/// <summary>The live status of every slice of a series in a window.</summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceListing")]
[Immutable]
public sealed record SliceListing(
    [property: Id(0)] string ModelId,
    [property: Id(1)] string Version,
    [property: Id(2)] string Environment,
    [property: Id(3)] DateTimeOffset From,
    [property: Id(4)] DateTimeOffset To,
    [property: Id(5)] ImmutableArray<SliceStatus> Slices);
