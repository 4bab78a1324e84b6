using System.Collections.Immutable;
using OrleansEval.Ingest;
using OrleansEval.Models;

namespace OrleansEval.Actuals;

/// <summary>
/// A part of a named slice's backfill as a label-join shard takes it: the predictions of one series the backfill
/// counts into the slice, and the position (in the backfill's own log) at which the shard counts their actuals.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceAdoption")]
[Immutable]
public sealed record SliceAdoption(
    [property: Id(0)] LogPosition Position,
    [property: Id(1)] SeriesId Series,
    [property: Id(2)] ImmutableArray<string> PredictionIds);
