namespace OrleansEval.Drift;

/// <summary>
/// The two-sample Kolmogorov–Smirnov statistic and its two-sided p-value; <see cref="Approximate"/> when either side
/// came from a compacted sketch rather than every value.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.KsValue")]
[Immutable]
public sealed record KsValue([property: Id(0)] double Statistic, [property: Id(1)] double PValue, [property: Id(2)] string Method, [property: Id(3)] bool Approximate);
