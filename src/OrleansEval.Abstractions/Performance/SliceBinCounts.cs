namespace OrleansEval.Performance;

/// <summary>
/// One slice member's counts in a window, enough for a mean of a per-row loss: its predictions, the labelled ones, the
/// right ones (classifiers), the labelled ones whose actual is the positive label (binary), the sums of the absolute
/// and the squared errors (regression), and the log loss, Brier score (binary) and squared error (regression) with the
/// sums of their squares — complete only when <see cref="LossesComplete"/> (every outcome was counted since buckets
/// kept them).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceBinCounts")]
[Immutable]
public sealed record SliceBinCounts(
    [property: Id(0)] string Member,
    [property: Id(1)] long Predictions,
    [property: Id(2)] long Labelled,
    [property: Id(3)] long Correct,
    [property: Id(4)] long ActualPositives,
    [property: Id(5)] double AbsoluteErrorSum,
    [property: Id(6)] double SquaredErrorSum,
    [property: Id(7)] SliceLossSums? LogLoss,
    [property: Id(8)] SliceLossSums? Brier,
    [property: Id(9)] SliceLossSums? SquaredError,
    [property: Id(10)] bool LossesComplete);
