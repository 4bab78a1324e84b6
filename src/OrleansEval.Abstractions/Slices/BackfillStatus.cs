namespace OrleansEval.Slices;

/// <summary>
/// A named slice's backfill: the model revision that defined the slice (rows counted under an earlier one are the
/// backfill's), where the run stands, how many rows it counted into the slice and how many it read, whether any day
/// read was a sample, the latest event time it counted (null when none), when it started and finished, and the error
/// that stopped it.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.BackfillStatus")]
[Immutable]
public sealed record BackfillStatus(
    [property: Id(0)] string Slice,
    [property: Id(1)] long Revision,
    [property: Id(2)] BackfillState State,
    [property: Id(3)] long RowsCounted,
    [property: Id(4)] long RowsRead,
    [property: Id(5)] bool Sampled,
    [property: Id(6)] DateTimeOffset? Through,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] DateTimeOffset? FinishedAt,
    [property: Id(9)] string? Error);
