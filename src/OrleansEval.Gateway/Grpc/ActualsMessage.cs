using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Grpc;

/// <summary>An ActualsRequest as the gateway reads it: its actuals checked into the worker's inputs, and those rejected.</summary>
/// <param name="ModelId">The model_id field, "" when absent.</param>
/// <param name="IdempotencyKey">The idempotency_key field, null when absent.</param>
/// <param name="Count">The number of actuals the message holds, kept or rejected.</param>
/// <param name="Items">The actuals kept.</param>
/// <param name="Rejected">The actuals rejected, with the rule each broke.</param>
internal sealed record ActualsMessage(string ModelId, string? IdempotencyKey, int Count, ImmutableArray<ActualRecord> Items, ImmutableArray<RecordRejection> Rejected);
