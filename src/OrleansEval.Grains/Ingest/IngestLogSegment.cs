namespace OrleansEval.Grains.Ingest;

/// <summary>
/// One write of an ingest-log partition — the entries of one group commit — stored as a record of its own and never
/// rewritten; deleted once every entry in it (and in every segment before it) is trimmed.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.IngestLogSegment")]
public sealed class IngestLogSegment
{
    [Id(0)] public int Number { get; set; }

    [Id(1)] public List<LoggedEntry> Entries { get; set; } = [];
}
