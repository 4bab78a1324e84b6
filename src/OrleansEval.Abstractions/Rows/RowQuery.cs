namespace OrleansEval.Rows;

/// <summary>
/// Which kept rows to read: a model's rows with event times in [<see cref="From"/>, <see cref="To"/>), of one version
/// and environment, or of every one when <see cref="Version"/> or <see cref="Environment"/> is null.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.RowQuery")]
[Immutable]
public sealed record RowQuery(
    [property: Id(0)] string ModelId,
    [property: Id(1)] string? Version,
    [property: Id(2)] string? Environment,
    [property: Id(3)] DateTimeOffset From,
    [property: Id(4)] DateTimeOffset To);
