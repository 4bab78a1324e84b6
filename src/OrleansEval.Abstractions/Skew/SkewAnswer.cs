namespace OrleansEval.Skew;

/// <summary>A skew report, or the field and rule that made the check unanswerable.</summary>
[GenerateSerializer]
[Alias("OrleansEval.SkewAnswer")]
[Immutable]
public sealed record SkewAnswer(
    [property: Id(0)] SkewReport? Report,
    [property: Id(1)] string? ErrorField,
    [property: Id(2)] string? Error,
    [property: Id(3)] bool NotFound)
{
    /// <summary>The check was answered with <paramref name="report"/>.</summary>
    public static SkewAnswer Answered(SkewReport report) => new(report, null, null, NotFound: false);

    /// <summary>The check was refused: <paramref name="field"/> breaks <paramref name="rule"/>.</summary>
    public static SkewAnswer Invalid(string field, string rule) => new(null, field, rule, NotFound: false);

    /// <summary>The check names a model the store does not hold.</summary>
    public static SkewAnswer UnknownModel(string modelId) => new(null, "modelId", $"model '{modelId}' is not registered", NotFound: true);
}
