namespace OrleansEval.Models;

/// <summary>How many records a version/environment series holds.</summary>
[GenerateSerializer]
[Alias("OrleansEval.SeriesCount")]
[Immutable]
public sealed record SeriesCount([property: Id(0)] SeriesId Series, [property: Id(1)] long Records);
