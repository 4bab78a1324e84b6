namespace OrleansEval.Grains.Ingest;

/// <summary>
/// One write of an ingest-log partition — the entries of one group commit — stored in a slot of the partition's ring;
/// the slot takes a later segment once the stored head records every entry in it (and in every segment before it) as
/// trimmed. <see cref="Number"/> tells which segment a slot holds.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.IngestLogSegment")]
public sealed class IngestLogSegment
{
    [Id(0)] public int Number { get; set; }

    [Id(1)] public List<LoggedEntry> Entries { get; set; } = [];
}
