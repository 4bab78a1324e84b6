using System.Collections.Immutable;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Grpc;

/// <summary>
/// An IngestRequest as the gateway reads it: its records already in the columnar <see cref="RecordTable"/> (pooled
/// buffers, given back by whoever reads the table last), the records rejected, and the fields checked at the call.
/// </summary>
/// <param name="ModelId">The model_id field, "" when absent.</param>
/// <param name="IdempotencyKey">The idempotency_key field, null when absent.</param>
/// <param name="Count">The number of records the message holds, kept or rejected.</param>
/// <param name="Table">The records kept.</param>
/// <param name="Rejected">The records rejected, with the rule each broke.</param>
internal sealed record IngestMessage(string ModelId, string? IdempotencyKey, int Count, RecordTable Table, ImmutableArray<RecordRejection> Rejected);
