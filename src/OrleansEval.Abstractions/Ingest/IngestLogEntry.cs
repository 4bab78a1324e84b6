namespace OrleansEval.Ingest;

/// <summary>
/// One batch as the ingest log keeps it: its idempotency key (<see cref="BatchId"/>, in the key space of its kind), a
/// hash of its parsed content (the same records sent as JSON or protobuf hash alike), its plan and its answer.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.IngestLogEntry")]
[Immutable]
public sealed record IngestLogEntry(
    [property: Id(0)] string BatchId,
    [property: Id(1)] string Content,
    [property: Id(2)] IngestPlan Plan,
    [property: Id(3)] BatchAnswer Answer);
