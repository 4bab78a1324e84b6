namespace OrleansEval.Grains.Actuals;

/// <summary>
/// A chunk of a label-join shard's outbox (<see cref="JoinOutboxChunks"/>): the entries added between two writes, under
/// the chunk's number, written once before the segments and the shard's record. Records of the layout before chunks
/// (<c>join-outbox</c>, the whole outbox rewritten before each write, number 0) are read once on activation, their
/// entries moved into a chunk, and deleted (docs/architecture.md, "The join's outbox").
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.JoinOutboxRecord")]
public sealed class JoinOutboxRecord
{
    /// <summary>The entries the chunk holds, in the order they were added.</summary>
    [Id(0)] public List<JoinOutboxEntry> Entries { get; set; } = [];

    /// <summary>The chunk's number: chunks are numbered in the order they are written, from 0.</summary>
    [Id(1)] public int Number { get; set; }
}
