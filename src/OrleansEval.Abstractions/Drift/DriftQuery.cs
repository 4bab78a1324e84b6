using System.Collections.Immutable;
using OrleansEval.Slices;

namespace OrleansEval.Drift;

/// <summary>
/// A drift question: a baseline, the series to compare with it, and a window; with <see cref="Conditions"/>, only the
/// kept rows of either side that meet them, read from the row store.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.DriftQuery")]
[Immutable]
public sealed record DriftQuery(
    [property: Id(0)] string Baseline,
    [property: Id(1)] string Version,
    [property: Id(2)] string Environment,
    [property: Id(3)] DateTimeOffset From,
    [property: Id(4)] DateTimeOffset To,
    [property: Id(5)] string? Slice = null,
    [property: Id(6)] ImmutableArray<SliceCondition> Conditions = default)
{
    /// <summary>True when the question narrows both sides to rows that meet <see cref="Conditions"/>.</summary>
    public bool IsSliced => !Conditions.IsDefaultOrEmpty;
}
