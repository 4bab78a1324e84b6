namespace OrleansEval.Recommendations;

/// <summary>A recommendation, or the field and rule that made the question unanswerable.</summary>
[GenerateSerializer]
[Alias("OrleansEval.RecommendationAnswer")]
[Immutable]
public sealed record RecommendationAnswer(
    [property: Id(0)] RecommendationReport? Report,
    [property: Id(1)] string? ErrorField,
    [property: Id(2)] string? Error,
    [property: Id(3)] bool NotFound);
