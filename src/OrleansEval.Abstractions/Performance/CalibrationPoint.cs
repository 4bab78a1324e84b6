namespace OrleansEval.Performance;

/// <summary>
/// One bin of a binary classifier's calibration curve: labelled predictions with a score in [Lower, Upper), their mean
/// score and the share of them that were positive (both null for an empty bin).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.CalibrationPoint")]
[Immutable]
public sealed record CalibrationPoint(
    [property: Id(0)] double Lower,
    [property: Id(1)] double Upper,
    [property: Id(2)] long Count,
    [property: Id(3)] double? MeanScore,
    [property: Id(4)] double? ObservedPositiveRate);
