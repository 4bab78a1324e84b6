namespace OrleansEval.Models;

/// <summary>Why a model change was refused: the field at fault and the rule it broke.</summary>
[GenerateSerializer]
[Alias("OrleansEval.ModelChangeError")]
[Immutable]
public sealed record ModelChangeError([property: Id(0)] string Field, [property: Id(1)] string Message, [property: Id(2)] bool IsConflict);
