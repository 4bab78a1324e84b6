namespace OrleansEval.RootCause;

/// <summary>A column's drift in a root cause: the deciding measure's name and value, and whether it crosses its threshold.</summary>
[GenerateSerializer]
[Alias("OrleansEval.DriftSummary")]
[Immutable]
public sealed record DriftSummary(
    [property: Id(0)] string Measure,
    [property: Id(1)] double? Value,
    [property: Id(2)] bool Drifted);
