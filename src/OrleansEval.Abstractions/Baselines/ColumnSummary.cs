using System.Collections.Immutable;

namespace OrleansEval.Baselines;

/// <summary>
/// Every bucket of one column within a window merged into one summary, as serialized sketches: what a baseline is
/// frozen from.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ColumnSummary")]
[Immutable]
public sealed record ColumnSummary(
    [property: Id(0)] long Count,
    [property: Id(1)] long Missing,
    [property: Id(2)] ImmutableArray<byte> QuantileSketch,
    [property: Id(3)] ImmutableArray<byte> Moments,
    [property: Id(4)] ImmutableArray<byte> CategoryCounts);
