namespace OrleansEval.Sketches.Performance;

/// <summary>
/// One of the ten equal-width calibration bins on [0, 1]: bin i holds the scores s with ⌊10·s⌋ = i (a score of 1 is in
/// the last bin), with their mean score and the observed rate of positives.
/// </summary>
/// <param name="Lower">The lower edge i/10.</param>
/// <param name="Upper">The upper edge (i + 1)/10.</param>
/// <param name="Count">Rows with a score in the bin.</param>
/// <param name="Positives">Those of them whose actual is positive.</param>
/// <param name="MeanScore">Mean score of the rows in the bin; undefined when the bin is empty.</param>
/// <param name="ObservedPositiveRate">Positives / count; undefined when the bin is empty.</param>
public readonly record struct CalibrationBin(
    double Lower,
    double Upper,
    long Count,
    long Positives,
    MetricResult MeanScore,
    MetricResult ObservedPositiveRate);
