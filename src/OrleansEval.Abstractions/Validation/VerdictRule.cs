namespace OrleansEval.Validation;

/// <summary>
/// One rule of a validation's verdict: its name, the setting it applied (as text), whether it failed, and what it
/// found (the slices or features that made it fail).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.VerdictRule")]
[Immutable]
public sealed record VerdictRule(
    [property: Id(0)] string Name,
    [property: Id(1)] string Setting,
    [property: Id(2)] bool Failed,
    [property: Id(3)] string Finding);
