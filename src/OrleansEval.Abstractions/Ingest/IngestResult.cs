using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// How many records were kept and which were rejected, each with its index and reason. A positive
/// <see cref="RetryAfterSeconds"/> means nothing was kept because the store is at capacity: send the batch again later.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.IngestResult")]
[Immutable]
public sealed record IngestResult([property: Id(0)] int Accepted, [property: Id(1)] ImmutableArray<RecordRejection> Rejected,
    [property: Id(2)] int RetryAfterSeconds = 0)
{
    /// <summary>True when the batch's idempotency key names another batch (different content): nothing was kept.</summary>
    [Id(3)] public bool Conflict { get; init; }
}
