using System.Collections.Immutable;

namespace OrleansEval.Rows;

/// <summary>
/// One column of a <see cref="RowBlock"/>: a numeric column fills <see cref="Numbers"/> (NaN marks a missing value), a
/// categorical one <see cref="Categories"/> (null marks a missing value); the other is empty.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.RowColumn")]
[Immutable]
public sealed record RowColumn(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<double> Numbers,
    [property: Id(2)] ImmutableArray<string?> Categories)
{
    /// <summary>True for a numeric column.</summary>
    public bool IsNumeric => !Numbers.IsDefaultOrEmpty || Categories.IsDefaultOrEmpty;
}
