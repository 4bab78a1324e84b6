namespace OrleansEval.Sketches.Performance;

/// <summary>
/// The metrics of a <see cref="BinaryPerformanceState"/>. Ratios whose denominator is zero are 0 (scikit-learn's
/// <c>zero_division</c> default); every metric is undefined when there are no rows, the score metrics when no row has a
/// score, and ROC AUC when the scored rows hold one class only.
/// </summary>
public sealed record BinaryPerformanceMetrics
{
    /// <summary>Rows counted.</summary>
    public required long Count { get; init; }

    /// <summary>Rows counted with a score.</summary>
    public required long ScoredCount { get; init; }

    /// <summary>Predicted positive, actually positive.</summary>
    public required long TruePositives { get; init; }

    /// <summary>Predicted positive, actually negative.</summary>
    public required long FalsePositives { get; init; }

    /// <summary>Predicted negative, actually negative.</summary>
    public required long TrueNegatives { get; init; }

    /// <summary>Predicted negative, actually positive.</summary>
    public required long FalseNegatives { get; init; }

    /// <summary>(tp + tn) / n.</summary>
    public required MetricResult Accuracy { get; init; }

    /// <summary>tp / (tp + fp).</summary>
    public required MetricResult Precision { get; init; }

    /// <summary>tp / (tp + fn) (sensitivity, true positive rate).</summary>
    public required MetricResult Recall { get; init; }

    /// <summary>2·tp / (2·tp + fp + fn), the harmonic mean of precision and recall.</summary>
    public required MetricResult F1 { get; init; }

    /// <summary>tn / (tn + fp) (true negative rate).</summary>
    public required MetricResult Specificity { get; init; }

    /// <summary>(recall + specificity) / 2; the one that is defined when the truth holds one class (as scikit-learn).</summary>
    public required MetricResult BalancedAccuracy { get; init; }

    /// <summary>(tp + fn) / n.</summary>
    public required MetricResult ActualPositiveRate { get; init; }

    /// <summary>(tp + fp) / n.</summary>
    public required MetricResult PredictedPositiveRate { get; init; }

    /// <summary>Mean score over the scored rows.</summary>
    public required MetricResult MeanScore { get; init; }

    /// <summary>
    /// P(s⁺ &gt; s⁻) + ½·P(s⁺ = s⁻) over the scored positive–negative pairs; its <see cref="MetricResult.Bound"/> is
    /// <see cref="BinaryPerformanceState.RocAucBound"/>.
    /// </summary>
    public required MetricResult RocAuc { get; init; }

    /// <summary>Mean of −ln p(actual) over the scored rows, p clipped to [1e-15, 1 − 1e-15].</summary>
    public required MetricResult LogLoss { get; init; }

    /// <summary>Mean of (score − actual)² over the scored rows, actual 0 or 1.</summary>
    public required MetricResult Brier { get; init; }

    /// <summary>The ten calibration bins, lowest first.</summary>
    public required IReadOnlyList<CalibrationBin> CalibrationBins { get; init; }

    /// <summary>The grid resolution j (cells of width 2^-j) of the ROC curve, or null while the scores are kept exactly.</summary>
    public required int? ScoreResolution { get; init; }
}
