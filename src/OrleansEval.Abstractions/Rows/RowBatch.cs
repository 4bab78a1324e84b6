using System.Collections.Immutable;
using OrleansEval.Ingest;

namespace OrleansEval.Rows;

/// <summary>
/// A logged batch's records of one series as its row grain takes them: the rows' own part of the plan and the column
/// chunks of the series, which hold their feature values, predictions and actuals in the same record order.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.RowBatch")]
[Immutable]
public sealed record RowBatch(
    [property: Id(0)] LogPosition Position,
    [property: Id(1)] long Revision,
    [property: Id(2)] DateTimeOffset Received,
    [property: Id(3)] SeriesRows Rows,
    [property: Id(4)] ImmutableArray<KeyedChunk> Chunks);
