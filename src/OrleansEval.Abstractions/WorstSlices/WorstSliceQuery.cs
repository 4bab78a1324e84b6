namespace OrleansEval.WorstSlices;

/// <summary>
/// A worst-slice search: the labelled rows of [<see cref="From"/>, <see cref="To"/>) of one version and environment (or
/// every one when null), the baseline whose cut points bin numeric features (the latest when null), the per-row error
/// metric, and the parameters of the SliceLine search.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.WorstSliceQuery")]
[Immutable]
public sealed record WorstSliceQuery(
    [property: Id(0)] string? Version,
    [property: Id(1)] string? Environment,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To,
    [property: Id(4)] string? Baseline,
    [property: Id(5)] string Metric,
    [property: Id(6)] int? MinSize,
    [property: Id(7)] int MaxConditions,
    [property: Id(8)] double Alpha,
    [property: Id(9)] int Limit);
