namespace OrleansEval.Validation;

/// <summary>
/// A categorical value (of a feature or a tag) held by at least the minimum slice size of the candidate's rows and by
/// none of the reference's rows: a slice the reference was never evaluated on.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.NewSlice")]
[Immutable]
public sealed record NewSlice(
    [property: Id(0)] string Slice,
    [property: Id(1)] long Rows);
