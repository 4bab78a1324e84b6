namespace OrleansEval.Skew;

/// <summary>A prediction id whose feature differs between the sides, with the value on each (null when missing).</summary>
[GenerateSerializer]
[Alias("OrleansEval.SkewExample")]
[Immutable]
public sealed record SkewExample(
    [property: Id(0)] string PredictionId,
    [property: Id(1)] string? Reference,
    [property: Id(2)] string? Current);
