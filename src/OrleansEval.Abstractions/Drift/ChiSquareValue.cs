namespace OrleansEval.Drift;

/// <summary>Pearson's χ² test of the 2×K table of baseline and current counts.</summary>
[GenerateSerializer]
[Alias("OrleansEval.ChiSquareValue")]
[Immutable]
public sealed record ChiSquareValue([property: Id(0)] double Statistic, [property: Id(1)] double PValue, [property: Id(2)] int Dof);
