using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// Records for one model from one request. <see cref="BatchId"/> identifies the batch to every grain it reaches, so a
/// retried batch is applied once.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.IngestBatch")]
[Immutable]
public sealed record IngestBatch(
    [property: Id(0)] string BatchId,
    [property: Id(1)] ImmutableArray<RecordInput> Records,
    [property: Id(2)] ImmutableArray<RecordRejection> AlreadyRejected);
