namespace OrleansEval.Ingest;

/// <summary>Where a grain has an ingest-log entry it was sent: stored, applied in memory only, or not at all.</summary>
[GenerateSerializer]
[Alias("OrleansEval.EntryStorage")]
public enum EntryStorage
{
    /// <summary>The grain's stored state holds the entry (or the entry lies below its log's floor).</summary>
    Stored = 0,

    /// <summary>Applied by the grain's activation, not yet written: its next write stores it.</summary>
    Pending = 1,

    /// <summary>Not applied: the activation that took it ended before writing it, so the sender sends it again.</summary>
    Missing = 2,
}
