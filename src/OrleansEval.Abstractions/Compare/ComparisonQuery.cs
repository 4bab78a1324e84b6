using System.Collections.Immutable;
using OrleansEval.Models;

namespace OrleansEval.Compare;

/// <summary>
/// A comparison of model versions on the same predictions: the first of <see cref="Versions"/> is the champion, the
/// rest are candidates; every one is evaluated on the labelled prediction ids that all of them scored with event times in
/// [<see cref="From"/>, <see cref="To"/>). <see cref="Baseline"/> names the baseline whose cut points bin numeric
/// features into slices (the latest when null); <see cref="MinSize"/> the smallest slice answered and weighed in the
/// recommendation (max(32, 1 % of the paired rows) when null); <see cref="Slices"/> the named slices to answer (every
/// named slice when empty).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ComparisonQuery")]
[Immutable]
public sealed record ComparisonQuery(
    [property: Id(0)] ImmutableArray<SeriesId> Versions,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] string? Metric,
    [property: Id(4)] string? Baseline,
    [property: Id(5)] int? MinSize,
    [property: Id(6)] ImmutableArray<string> Slices = default);
