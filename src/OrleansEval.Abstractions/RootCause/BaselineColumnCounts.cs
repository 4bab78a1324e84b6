using System.Collections.Immutable;

namespace OrleansEval.RootCause;

/// <summary>
/// One column of a baseline's side of a root cause: per bin the counts (a numeric column's bins in the order of its cut
/// points; a categorical column's in the order of <see cref="Categories"/>), the missing bin, and the smallest and the
/// largest value counted (numeric), which the current side's out-of-range rate is measured against.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.BaselineColumnCounts")]
[Immutable]
public sealed record BaselineColumnCounts(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<BaselineBinCounts> Bins,
    [property: Id(2)] ImmutableArray<string> Categories,
    [property: Id(3)] BaselineBinCounts Missing,
    [property: Id(4)] double Min,
    [property: Id(5)] double Max);
