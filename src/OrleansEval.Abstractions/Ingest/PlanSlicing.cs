using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// What a logged plan keeps in place of its slice deltas, which are a function of its join registrations: how the
/// deltas score predictions, and the shard each prediction went to in the batch's order (two bytes each, little
/// endian), so that deltas derived on every fan-out hold their rows in the order the batch gave them.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.PlanSlicing")]
[Immutable]
public sealed record PlanSlicing(
    [property: Id(0)] string BatchId,
    [property: Id(1)] double Threshold,
    [property: Id(2)] ImmutableArray<byte> Calibration,
    [property: Id(3)] TimeSpan Bucket,
    [property: Id(4)] ImmutableArray<byte> ShardOrder);
