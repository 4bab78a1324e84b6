using System.Collections.Immutable;

namespace OrleansEval.Slices;

/// <summary>Cut points of a numeric column from a baseline; each bin is an elementary slice.</summary>
[GenerateSerializer]
[Alias("OrleansEval.ColumnBins")]
[Immutable]
public sealed record ColumnBins([property: Id(0)] string Column, [property: Id(1)] ImmutableArray<double> CutPoints);
