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
    [property: Id(5)] ImmutableArray<SliceStatus> Slices)
{
    /// <summary>Kept rows of the baseline's series the numeric bins' baseline performance was counted from; null when none were read.</summary>
    [Id(6)] public long? BaselineRows { get; init; }

    /// <summary>True when those rows were a sample of a day that held more records than the store keeps.</summary>
    [Id(7)] public bool BaselineRowsSampled { get; init; }
}
