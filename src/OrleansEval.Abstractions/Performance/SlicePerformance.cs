using System.Collections.Immutable;

namespace OrleansEval.Performance;

/// <summary>
/// One slice in one window: how many predictions it saw, how many have an actual, the realised metrics over the
/// labelled ones and, for a binary classifier with a calibrated baseline, the estimate over all of them; and how its
/// predictions' scores spread over the deciles of [0, 1] (empty for models without a score); and, for a binary
/// classifier, the calibration curve of the labelled predictions. [From, To) is the window answered, widened to whole
/// days where the asked one cuts a day whose buckets were rolled up.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.SlicePerformance")]
[Immutable]
public sealed record SlicePerformance(
    [property: Id(0)] string Slice,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] long Predictions,
    [property: Id(4)] long Labelled,
    [property: Id(5)] MetricSet Realised,
    [property: Id(6)] MetricSet Estimated,
    [property: Id(7)] ImmutableArray<long> ScoreHistogram,
    [property: Id(8)] ImmutableArray<CalibrationPoint> Calibration);
