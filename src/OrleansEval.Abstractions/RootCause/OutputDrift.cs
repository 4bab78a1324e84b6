namespace OrleansEval.RootCause;

/// <summary>The drift of a prediction or actual column between the two sides of a root cause.</summary>
[GenerateSerializer]
[Alias("OrleansEval.OutputDrift")]
[Immutable]
public sealed record OutputDrift(
    [property: Id(0)] string Column,
    [property: Id(1)] DriftSummary? Drift,
    [property: Id(2)] string? Reason);
