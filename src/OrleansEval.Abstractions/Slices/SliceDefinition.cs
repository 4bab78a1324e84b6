using System.Collections.Immutable;

namespace OrleansEval.Slices;

/// <summary>A user-defined slice: a name and a conjunction of conditions.</summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceDefinition")]
[Immutable]
public sealed record SliceDefinition([property: Id(0)] string Name, [property: Id(1)] ImmutableArray<SliceCondition> Conditions);
