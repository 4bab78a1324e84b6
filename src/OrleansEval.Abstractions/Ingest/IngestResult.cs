using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// How many records were kept and which were rejected, each with its index and reason. Records are never refused for
/// volume: the label join keeps every prediction in storage (field 2, a retry-after for a full join, is no longer sent).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.IngestResult")]
[Immutable]
public sealed record IngestResult([property: Id(0)] int Accepted, [property: Id(1)] ImmutableArray<RecordRejection> Rejected)
{
    /// <summary>True when the batch's idempotency key names another batch (different content): nothing was kept.</summary>
    [Id(3)] public bool Conflict { get; init; }
}
