namespace OrleansEval.Drift;

/// <summary>A drift report, or the field and rule that made the question unanswerable.</summary>
[GenerateSerializer]
[Alias("OrleansEval.DriftAnswer")]
[Immutable]
public sealed record DriftAnswer(
    [property: Id(0)] DriftReport? Report,
    [property: Id(1)] string? ErrorField,
    [property: Id(2)] string? Error,
    [property: Id(3)] bool NotFound);
