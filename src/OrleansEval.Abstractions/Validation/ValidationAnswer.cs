namespace OrleansEval.Validation;

/// <summary>A validation report, or the field and rule that kept it from running (or from being found).</summary>
[GenerateSerializer]
[Alias("OrleansEval.ValidationAnswer")]
[Immutable]
public sealed record ValidationAnswer(
    [property: Id(0)] ValidationReport? Report,
    [property: Id(1)] string? ErrorField,
    [property: Id(2)] string? Error,
    [property: Id(3)] bool NotFound)
{
    /// <summary>The validation ran, or was found, with <paramref name="report"/>.</summary>
    public static ValidationAnswer Answered(ValidationReport report) => new(report, null, null, NotFound: false);

    /// <summary>The validation was refused: <paramref name="field"/> breaks <paramref name="rule"/>.</summary>
    public static ValidationAnswer Invalid(string field, string rule) => new(null, field, rule, NotFound: false);

    /// <summary>The validation names something the store does not hold: <paramref name="field"/> and why.</summary>
    public static ValidationAnswer Missing(string field, string rule) => new(null, field, rule, NotFound: true);
}
