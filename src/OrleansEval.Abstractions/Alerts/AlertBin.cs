namespace OrleansEval.Alerts;

/// <summary>Evidence of a drift alert: a bin that moved, with its baseline and current proportions.</summary>
[GenerateSerializer]
[Alias("OrleansEval.AlertBin")]
[Immutable]
public sealed record AlertBin([property: Id(0)] string Bin, [property: Id(1)] double Baseline, [property: Id(2)] double Current);
