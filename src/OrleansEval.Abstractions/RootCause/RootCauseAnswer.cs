namespace OrleansEval.RootCause;

/// <summary>A root-cause report, or the field and rule that made the question unanswerable.</summary>
[GenerateSerializer]
[Alias("OrleansEval.RootCauseAnswer")]
[Immutable]
public sealed record RootCauseAnswer(
    [property: Id(0)] RootCauseReport? Report,
    [property: Id(1)] string? ErrorField,
    [property: Id(2)] string? Error,
    [property: Id(3)] bool NotFound)
{
    /// <summary>The question was answered with <paramref name="report"/>.</summary>
    public static RootCauseAnswer Answered(RootCauseReport report) => new(report, null, null, NotFound: false);

    /// <summary>The question was refused: <paramref name="field"/> breaks <paramref name="rule"/>.</summary>
    public static RootCauseAnswer Invalid(string field, string rule) => new(null, field, rule, NotFound: false);

    /// <summary>The question names a model the store does not hold.</summary>
    public static RootCauseAnswer UnknownModel(string modelId) => new(null, "modelId", $"model '{modelId}' is not registered", NotFound: true);
}
