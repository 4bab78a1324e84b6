namespace OrleansEval.Grains.Actuals;

/// <summary>
/// A label-join shard's outbox as a record of its own (<c>join-outbox</c>), written before the segments and then the
/// shard's record: segments are read back on activation even when the shard's record written after them was not, so
/// the outcomes of the rows they hold must be stored before them. Activation sends again the entries whose batches the
/// shard's record does not hold; those it holds are the record's own outbox's to send (docs/architecture.md, "The
/// join's outbox").
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.JoinOutboxRecord")]
public sealed class JoinOutboxRecord
{
    /// <summary>The outbox as it stood when the segments were last about to be written.</summary>
    [Id(0)] public List<JoinOutboxEntry> Entries { get; set; } = [];
}
