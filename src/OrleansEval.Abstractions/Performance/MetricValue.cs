namespace OrleansEval.Performance;

/// <summary>
/// A metric's value, or null with the reason it is undefined; <see cref="Bound"/> is the largest possible difference
/// to the exact value when it came from a summary rather than every row (0 when exact).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.MetricValue")]
[Immutable]
public sealed record MetricValue([property: Id(0)] double? Value, [property: Id(1)] string? Reason, [property: Id(2)] double Bound = 0);
