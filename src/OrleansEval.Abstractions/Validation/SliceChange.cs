namespace OrleansEval.Validation;

/// <summary>
/// A slice on which the candidate's metric differs from the reference's with a Benjamini–Hochberg q-value below the
/// significance setting: its paired rows, the difference (candidate minus reference), the q-value, and whether the
/// candidate is <c>better</c> or <c>worse</c> there.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceChange")]
[Immutable]
public sealed record SliceChange(
    [property: Id(0)] string Slice,
    [property: Id(1)] long Rows,
    [property: Id(2)] double Delta,
    [property: Id(3)] double QValue,
    [property: Id(4)] string Direction);
