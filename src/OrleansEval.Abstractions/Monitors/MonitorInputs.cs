using System.Collections.Immutable;
using OrleansEval.Models;

namespace OrleansEval.Monitors;

/// <summary>
/// What ingested batches changed that a model's monitors read, since the node last said: the columns (by feature key),
/// the series that received records, and whether late actuals arrived (they change the performance of any series).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.MonitorInputs")]
[Immutable]
public sealed record MonitorInputs(
    [property: Id(0)] ImmutableArray<string> Columns,
    [property: Id(1)] ImmutableArray<SeriesId> Series,
    [property: Id(2)] bool LateActuals);
