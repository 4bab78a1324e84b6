using System.Collections.Immutable;
using OrleansEval.Actuals;

namespace OrleansEval.Ingest;

/// <summary>What a batch was answered, kept with its idempotency key so that sending it again answers the same.</summary>
[GenerateSerializer]
[Alias("OrleansEval.BatchAnswer")]
[Immutable]
public sealed record BatchAnswer(
    [property: Id(0)] int Accepted,
    [property: Id(1)] ImmutableArray<RecordRejection> Rejected,
    [property: Id(2)] ImmutableArray<UnmatchedActual> Unmatched);
