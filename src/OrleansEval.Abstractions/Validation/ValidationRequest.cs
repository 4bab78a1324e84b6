using OrleansEval.Models;

namespace OrleansEval.Validation;

/// <summary>
/// A validation to run: the <see cref="Candidate"/> series against the <see cref="Reference"/> series on the prediction
/// ids both scored with event times in [<see cref="From"/>, <see cref="To"/>), and the candidate's inputs against the
/// production baseline named <see cref="ProductionBaseline"/>. <see cref="Metric"/> defaults to the comparison's default
/// for the task; <see cref="MinSize"/> to the comparison's (max(32, 1 % of the paired rows)).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ValidationRequest")]
[Immutable]
public sealed record ValidationRequest(
    [property: Id(0)] SeriesId Candidate,
    [property: Id(1)] SeriesId Reference,
    [property: Id(2)] string ProductionBaseline,
    [property: Id(3)] DateTimeOffset From,
    [property: Id(4)] DateTimeOffset To,
    [property: Id(5)] string? Metric,
    [property: Id(6)] int? MinSize);
