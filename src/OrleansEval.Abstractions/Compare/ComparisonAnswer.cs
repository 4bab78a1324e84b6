namespace OrleansEval.Compare;

/// <summary>A comparison report, or the field and rule that made the comparison unanswerable.</summary>
[GenerateSerializer]
[Alias("OrleansEval.ComparisonAnswer")]
[Immutable]
public sealed record ComparisonAnswer(
    [property: Id(0)] ComparisonReport? Report,
    [property: Id(1)] string? ErrorField,
    [property: Id(2)] string? Error,
    [property: Id(3)] bool NotFound)
{
    /// <summary>The comparison was answered with <paramref name="report"/>.</summary>
    public static ComparisonAnswer Answered(ComparisonReport report) => new(report, null, null, NotFound: false);

    /// <summary>The comparison was refused: <paramref name="field"/> breaks <paramref name="rule"/>.</summary>
    public static ComparisonAnswer Invalid(string field, string rule) => new(null, field, rule, NotFound: false);

    /// <summary>The comparison names a model the store does not hold.</summary>
    public static ComparisonAnswer UnknownModel(string modelId) => new(null, "modelId", $"model '{modelId}' is not registered", NotFound: true);
}
