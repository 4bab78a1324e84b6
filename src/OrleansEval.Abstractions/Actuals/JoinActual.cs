namespace OrleansEval.Actuals;

/// <summary>A checked actual in canonical form: a label for a classifier, a value (NaN otherwise) for a regressor.</summary>
[GenerateSerializer]
[Alias("OrleansEval.JoinActual")]
[Immutable]
public sealed record JoinActual([property: Id(0)] string? Label, [property: Id(1)] double Value);
