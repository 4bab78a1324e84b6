namespace OrleansEval.Performance;

/// <summary>
/// A slice's status: its performance in the window, the same slice's performance in the baseline's series where it
/// exists, whether the slice's headline metric dropped beyond the tolerance against it, and whether its predictions'
/// score distribution drifted from the same slice's in the baseline (PSI over score deciles ≥ 0.2). A missing
/// comparison says why.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceStatus")]
[Immutable]
public sealed record SliceStatus(
    [property: Id(0)] SlicePerformance Current,
    [property: Id(1)] SlicePerformance? Baseline,
    [property: Id(2)] string HeadlineMetric,
    [property: Id(3)] double? Change,
    [property: Id(4)] bool Degraded,
    [property: Id(5)] double? PredictionPsi,
    [property: Id(6)] bool PredictionDrifted)
{
    /// <summary>The backfill of a named slice over the rows kept before it was defined; null when none was run.</summary>
    [Id(7)] public Slices.BackfillStatus? Backfill { get; init; }

    /// <summary>Why <see cref="Baseline"/> is absent (no baseline, or no record of its series reached the slice); null when present.</summary>
    [Id(8)] public string? BaselineMissing { get; init; }

    /// <summary>Why <see cref="Change"/> is absent while the baseline is present (no labelled rows on one side); null otherwise.</summary>
    [Id(9)] public string? ChangeMissing { get; init; }
}
