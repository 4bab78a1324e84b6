using System.Collections.Immutable;

namespace OrleansEval.RootCause;

/// <summary>
/// A baseline's side of a root cause under one metric, counted once from the baseline's kept rows: its rows, labelled
/// rows, loss sum and sum of squared losses; every binned feature's bins, in schema order; the prediction's and the
/// actual's bins (null when the column has none); and whether a day read was a sample.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.BaselineSideCounts")]
[Immutable]
public sealed record BaselineSideCounts(
    [property: Id(0)] long Rows,
    [property: Id(1)] long Labelled,
    [property: Id(2)] double Loss,
    [property: Id(3)] double Squares,
    [property: Id(4)] ImmutableArray<BaselineColumnCounts> Features,
    [property: Id(5)] BaselineColumnCounts? Prediction,
    [property: Id(6)] BaselineColumnCounts? Actual,
    [property: Id(7)] bool Sampled);
