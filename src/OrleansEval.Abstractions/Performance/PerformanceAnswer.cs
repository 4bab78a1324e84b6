namespace OrleansEval.Performance;

/// <summary>A performance report, or the field and rule that made the question unanswerable.</summary>
[GenerateSerializer]
[Alias("OrleansEval.PerformanceAnswer")]
[Immutable]
public sealed record PerformanceAnswer(
    [property: Id(0)] PerformanceReport? Report,
    [property: Id(1)] string? ErrorField,
    [property: Id(2)] string? Error,
    [property: Id(3)] bool NotFound);
