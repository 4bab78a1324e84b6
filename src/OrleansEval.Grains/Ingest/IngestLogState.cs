namespace OrleansEval.Grains.Ingest;

/// <summary>
/// The head record of an ingest-log partition, written only when the log is trimmed: every segment below
/// <see cref="FirstSegment"/> is trimmed (deleted, or about to be), the sequence numbers below
/// <see cref="NextSequence"/> are used, and <see cref="KeyPages"/> lists the pages of remembered idempotency keys.
/// Segments from <see cref="FirstSegment"/> on are read in order until one is missing.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.IngestLogState")]
public sealed class IngestLogState
{
    [Id(0)] public int FirstSegment { get; set; }

    [Id(1)] public long NextSequence { get; set; }

    [Id(2)] public HashSet<long> KeyPages { get; set; } = [];
}
