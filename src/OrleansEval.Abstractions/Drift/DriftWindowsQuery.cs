namespace OrleansEval.Drift;

/// <summary>
/// A drift question over a sequence of windows: a baseline, the series to compare with it, and a span cut into steps
/// of <see cref="Step"/> (a bucket multiple) or into calendar months when <see cref="Monthly"/>; each step is asked
/// as the single-window <see cref="DriftQuery"/> of its bounds.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.DriftWindowsQuery")]
[Immutable]
public sealed record DriftWindowsQuery(
    [property: Id(0)] string Baseline,
    [property: Id(1)] string Version,
    [property: Id(2)] string Environment,
    [property: Id(3)] DateTimeOffset From,
    [property: Id(4)] DateTimeOffset To,
    [property: Id(5)] TimeSpan? Step,
    [property: Id(6)] bool Monthly)
{
    /// <summary>The most windows one question may hold: a year of days.</summary>
    public const int MaxWindows = 366;

    /// <summary>The longest step a window may have.</summary>
    public static readonly TimeSpan MaxStep = TimeSpan.FromDays(366);
}
