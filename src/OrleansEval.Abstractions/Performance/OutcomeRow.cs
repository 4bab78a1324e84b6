namespace OrleansEval.Performance;

/// <summary>
/// A labelled prediction as a slice counts it: the prediction and its actual. <see cref="Weight"/> is +1 to count it
/// and -1 to take back an actual that a later one replaced.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.OutcomeRow")]
[Immutable]
public readonly record struct OutcomeRow(
    [property: Id(0)] string Member,
    [property: Id(1)] long BucketStart,
    [property: Id(2)] double Score,
    [property: Id(3)] string? Predicted,
    [property: Id(4)] double PredictedValue,
    [property: Id(5)] string? Actual,
    [property: Id(6)] double ActualValue,
    [property: Id(7)] int Weight);
