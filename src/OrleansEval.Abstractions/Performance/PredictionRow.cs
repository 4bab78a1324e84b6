namespace OrleansEval.Performance;

/// <summary>
/// A prediction as a slice counts it before its outcome is known: volume, and for a binary classifier the score that
/// the label-free estimate calibrates.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.PredictionRow")]
[Immutable]
public readonly record struct PredictionRow(
    [property: Id(0)] string Member,
    [property: Id(1)] long BucketStart,
    [property: Id(2)] double Score,
    [property: Id(3)] string? Predicted,
    [property: Id(4)] double PredictedValue);
