namespace OrleansEval.Drift;

/// <summary>
/// One named part of a test's result in a drift answer (statistic, pValue, dof, method, approximate); exactly one of
/// <see cref="Number"/>, <see cref="Text"/> and <see cref="Flag"/> is set.
/// </summary>
/// <param name="Name">The part's API name.</param>
/// <param name="Number">A numeric part.</param>
/// <param name="Text">A textual part.</param>
/// <param name="Flag">A yes/no part.</param>
[GenerateSerializer]
[Alias("OrleansEval.MeasurePart")]
[Immutable]
public sealed record MeasurePart(
    [property: Id(0)] string Name,
    [property: Id(1)] double? Number,
    [property: Id(2)] string? Text,
    [property: Id(3)] bool? Flag);
