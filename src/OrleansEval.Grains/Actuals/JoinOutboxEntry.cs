using OrleansEval.Actuals;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// The outcomes a label-join shard sent for one ingest-log entry that their slice families have not yet confirmed
/// storing: each row as it was counted (with the actual it counted) and its weight, so the same deltas can be sent
/// again after a crash. Stored once, in a chunk of the shard's outbox (<see cref="JoinOutboxChunks"/>), and kept until
/// every family's stored state holds the position and the shard's stored record holds the batch.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.JoinOutboxEntry")]
public sealed class JoinOutboxEntry
{
    /// <summary>The position the outcomes carry: the entry's, through the shard.</summary>
    [Id(0)] public required LogPosition Position { get; init; }

    /// <summary>The rows counted (weight 1) or taken back (weight −1), each with the actual concerned.</summary>
    [Id(1)] public PendingPredictions Rows { get; init; } = new();

    /// <summary>The weight of each row, in order.</summary>
    [Id(2)] public List<int> Weights { get; init; } = [];

    /// <summary>
    /// Where the batch came in the shard's applications (<see cref="JoinState.Applications"/>): after a crash the rows
    /// of the entries whose batches the shard's record does not hold are set again in this order, before any replay, so
    /// partitions of the log replayed in another order meet the state these outcomes were counted from. 0 in an entry
    /// stored before it was kept, which is then taken in the order of the outbox.
    /// </summary>
    [Id(3)] public long Order { get; init; }
}
