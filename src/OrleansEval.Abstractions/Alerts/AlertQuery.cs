namespace OrleansEval.Alerts;

/// <summary>Which alerts to list: by model, state, time, and after a sequence number.</summary>
[GenerateSerializer]
[Alias("OrleansEval.AlertQuery")]
[Immutable]
public sealed record AlertQuery(
    [property: Id(0)] string? ModelId,
    [property: Id(1)] AlertState? State,
    [property: Id(2)] DateTimeOffset? From,
    [property: Id(3)] DateTimeOffset? To,
    [property: Id(4)] long AfterSequence,
    [property: Id(5)] int Limit);
