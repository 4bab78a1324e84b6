namespace OrleansEval.Ingest;

/// <summary>
/// The ingest log's answer to an append: the status, the entry's position (to fan it out under), the answer a repeat
/// gets, and — for a repeat whose entry is still in the log — the logged plan to fan out again (grains ignore what
/// they already applied).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.LogAppend")]
[Immutable]
public sealed record LogAppend(
    [property: Id(0)] LogAppendStatus Status,
    [property: Id(1)] LogPosition? Position,
    [property: Id(2)] BatchAnswer? Answer,
    [property: Id(3)] IngestPlan? Redrive);
