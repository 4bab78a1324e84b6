using OrleansEval.Models;

namespace OrleansEval.Validation;

/// <summary>A stored validation as a model's list shows it: id, when it ran, the two series and the verdict.</summary>
[GenerateSerializer]
[Alias("OrleansEval.ValidationSummary")]
[Immutable]
public sealed record ValidationSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] SeriesId Candidate,
    [property: Id(3)] SeriesId Reference,
    [property: Id(4)] string Verdict);
