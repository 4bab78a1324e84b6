namespace OrleansEval.Sketches.Slicing;

/// <summary>One predicate of a slice: the rows whose <see cref="Column"/> has code <see cref="Code"/>.</summary>
/// <param name="Column">The column's name.</param>
/// <param name="Code">The code the rows hold.</param>
/// <param name="Label">The code's label.</param>
public sealed record SliceCondition(string Column, int Code, string Label);
