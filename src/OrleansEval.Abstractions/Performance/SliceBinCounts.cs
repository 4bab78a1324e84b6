namespace OrleansEval.Performance;

/// <summary>
/// One slice member's counts in a window, enough for a mean of a per-row loss: its predictions, the labelled ones, the
/// right ones (classifiers), the labelled ones whose actual is the positive label (binary), and the sums of the absolute
/// and the squared errors (regression).
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
    [property: Id(6)] double SquaredErrorSum);
