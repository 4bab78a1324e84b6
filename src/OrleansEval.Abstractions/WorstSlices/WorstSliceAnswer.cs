namespace OrleansEval.WorstSlices;

/// <summary>A worst-slice report, or the field and rule that made the search unanswerable.</summary>
[GenerateSerializer]
[Alias("OrleansEval.WorstSliceAnswer")]
[Immutable]
public sealed record WorstSliceAnswer(
    [property: Id(0)] WorstSliceReport? Report,
    [property: Id(1)] string? ErrorField,
    [property: Id(2)] string? Error,
    [property: Id(3)] bool NotFound)
{
    /// <summary>The search was answered with <paramref name="report"/>.</summary>
    public static WorstSliceAnswer Answered(WorstSliceReport report) => new(report, null, null, NotFound: false);

    /// <summary>The search was refused: <paramref name="field"/> breaks <paramref name="rule"/>.</summary>
    public static WorstSliceAnswer Invalid(string field, string rule) => new(null, field, rule, NotFound: false);

    /// <summary>The search names a model the store does not hold.</summary>
    public static WorstSliceAnswer UnknownModel(string modelId) => new(null, "modelId", $"model '{modelId}' is not registered", NotFound: true);
}
