using OrleansEval.Ingest;

namespace OrleansEval.Grains.Ingest;

/// <summary>A batch in the ingest log: its sequence number, when the log took it (the store's clock) and the batch.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.LoggedEntry")]
[Immutable]
public sealed record LoggedEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset Appended,
    [property: Id(2)] IngestLogEntry Entry);
