namespace OrleansEval.RootCause;

/// <summary>
/// A baseline's side of a root cause as its counter answers it: the counts, when they were counted over the baseline's
/// series as it stands now; otherwise null and why (being counted, or the count failed).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.BaselineSideAnswer")]
[Immutable]
public sealed record BaselineSideAnswer(
    [property: Id(0)] BaselineSideCounts? Counts,
    [property: Id(1)] string? Pending);
