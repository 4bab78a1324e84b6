using System.Collections.Immutable;

namespace OrleansEval.Ingest;

/// <summary>
/// Records for one model from one request, held column by column (<see cref="RecordTable"/>). <see cref="BatchId"/>
/// identifies the batch to every grain it reaches, so a retried batch is applied once.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.IngestBatch")]
[Immutable]
public sealed record IngestBatch(
    [property: Id(0)] string BatchId,
    [property: Id(1)] RecordTable Records,
    [property: Id(2)] ImmutableArray<RecordRejection> AlreadyRejected)
{
    /// <summary>A batch of records given one object each.</summary>
    public IngestBatch(string batchId, ImmutableArray<RecordInput> records, ImmutableArray<RecordRejection> alreadyRejected)
        : this(batchId, RecordTable.Of(records), alreadyRejected)
    {
    }
}
