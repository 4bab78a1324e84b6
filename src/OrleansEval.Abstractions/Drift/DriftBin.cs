namespace OrleansEval.Drift;

/// <summary>
/// One bin of a drift answer with the baseline and current proportions: numeric bins have bounds [Lower, Upper)
/// (null for an open end), categorical bins a category (null for the missing bin).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.DriftBin")]
[Immutable]
public sealed record DriftBin(
    [property: Id(0)] double? Lower,
    [property: Id(1)] double? Upper,
    [property: Id(2)] string? Category,
    [property: Id(3)] double Baseline,
    [property: Id(4)] double Current,
    [property: Id(5)] double BaselineCount,
    [property: Id(6)] double CurrentCount);
