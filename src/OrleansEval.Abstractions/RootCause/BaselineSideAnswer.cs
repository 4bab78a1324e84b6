namespace OrleansEval.RootCause;

/// <summary>
/// A baseline's side of a root cause as its counter answers it: the counts, when they were counted over the baseline's
/// rows as they stand now, else null; why the counts it kept did not hold when asked (null when they did: still being
/// counted, counted before the rows changed, or the count failed); and how long the question waited for a count under way.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.BaselineSideAnswer")]
[Immutable]
public sealed record BaselineSideAnswer(
    [property: Id(0)] BaselineSideCounts? Counts,
    [property: Id(1)] string? Reason,
    [property: Id(2)] TimeSpan Waited);
