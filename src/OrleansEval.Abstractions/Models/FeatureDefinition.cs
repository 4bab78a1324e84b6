namespace OrleansEval.Models;

/// <summary>A named model input or tag and its type.</summary>
[GenerateSerializer]
[Alias("OrleansEval.FeatureDefinition")]
[Immutable]
public sealed record FeatureDefinition([property: Id(0)] string Name, [property: Id(1)] FeatureType Type);
