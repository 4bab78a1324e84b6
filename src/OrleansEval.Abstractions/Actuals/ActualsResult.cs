using System.Collections.Immutable;
using OrleansEval.Ingest;

namespace OrleansEval.Actuals;

/// <summary>
/// How late actuals were taken: how many were accepted, which were rejected (index and reason), and which matched no
/// prediction yet — those are held and joined if the prediction arrives within the join window.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ActualsResult")]
[Immutable]
public sealed record ActualsResult(
    [property: Id(0)] int Accepted,
    [property: Id(1)] ImmutableArray<RecordRejection> Rejected,
    [property: Id(2)] ImmutableArray<UnmatchedActual> Unmatched,
    [property: Id(3)] int RetryAfterSeconds)
{
    /// <summary>True when the batch's idempotency key names another batch (different content): nothing was kept.</summary>
    [Id(4)] public bool Conflict { get; init; }
}
