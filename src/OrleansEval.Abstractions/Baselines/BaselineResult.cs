namespace OrleansEval.Baselines;

/// <summary>The frozen baseline, or the field and rule that stopped it from being frozen.</summary>
[GenerateSerializer]
[Alias("OrleansEval.BaselineResult")]
[Immutable]
public sealed record BaselineResult([property: Id(0)] Baseline? Baseline, [property: Id(1)] string? ErrorField, [property: Id(2)] string? Error);
