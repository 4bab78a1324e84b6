namespace OrleansEval.Compare;

/// <summary>A slice where a candidate differs significantly from the champion: the slice, its rows, the difference and its q-value.</summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceVerdict")]
[Immutable]
public sealed record SliceVerdict(
    [property: Id(0)] string Slice,
    [property: Id(1)] long Rows,
    [property: Id(2)] double Delta,
    [property: Id(3)] double QValue);
