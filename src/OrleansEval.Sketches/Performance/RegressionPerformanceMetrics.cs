namespace OrleansEval.Sketches.Performance;

/// <summary>
/// The metrics of a <see cref="RegressionPerformanceState"/>, with e = y − ŷ. Every metric is undefined when there are no
/// rows, and R² also with fewer than two.
/// </summary>
public sealed record RegressionPerformanceMetrics
{
    /// <summary>Rows counted.</summary>
    public required long Count { get; init; }

    /// <summary>Mean |e|.</summary>
    public required MetricResult MeanAbsoluteError { get; init; }

    /// <summary>Mean e².</summary>
    public required MetricResult MeanSquaredError { get; init; }

    /// <summary>√(mean e²).</summary>
    public required MetricResult RootMeanSquaredError { get; init; }

    /// <summary>Mean |e| / max(|y|, 2^-52), as a fraction (scikit-learn's mean_absolute_percentage_error).</summary>
    public required MetricResult MeanAbsolutePercentageError { get; init; }

    /// <summary>
    /// 1 − SSE/SST with SST = Σ(y − ȳ)²; when SST = 0, 1 if SSE = 0 else 0 (scikit-learn's convention).
    /// </summary>
    public required MetricResult R2 { get; init; }

    /// <summary>Mean (ŷ − y): positive when the model over-predicts.</summary>
    public required MetricResult Bias { get; init; }

    /// <summary>
    /// Median |e| (the mean of the two middle values for an even count); once sketched, its
    /// <see cref="MetricResult.Bound"/> is α/(1 − α) times the estimate, which bounds α times the exact median.
    /// </summary>
    public required MetricResult MedianAbsoluteError { get; init; }

    /// <summary>Relative accuracy of <see cref="MedianAbsoluteError"/>: 0 while exact, else α = 0.005.</summary>
    public required double MedianRelativeAccuracy { get; init; }
}
