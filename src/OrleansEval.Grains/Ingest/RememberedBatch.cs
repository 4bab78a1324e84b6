using OrleansEval.Ingest;

namespace OrleansEval.Grains.Ingest;

/// <summary>A trimmed batch's idempotency key as remembered: its content hash, its answer and when it was first seen.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.RememberedBatch")]
[Immutable]
public sealed record RememberedBatch(
    [property: Id(0)] string Content,
    [property: Id(1)] BatchAnswer Answer,
    [property: Id(2)] DateTimeOffset Seen);
