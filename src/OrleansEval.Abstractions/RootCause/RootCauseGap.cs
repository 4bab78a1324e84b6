namespace OrleansEval.RootCause;

/// <summary>A part of a root cause that could not be computed (<c>mix</c>, <c>within</c>, a feature's name, …) and why.</summary>
[GenerateSerializer]
[Alias("OrleansEval.RootCauseGap")]
[Immutable]
public sealed record RootCauseGap(
    [property: Id(0)] string Part,
    [property: Id(1)] string Reason);
