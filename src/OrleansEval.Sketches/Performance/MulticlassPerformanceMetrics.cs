namespace OrleansEval.Sketches.Performance;

/// <summary>
/// The metrics of a <see cref="MulticlassPerformanceState"/>, as scikit-learn defines them over the sorted union of the
/// labels seen in truth or prediction, a 0/0 counting 0 (its <c>zero_division</c> default): macro is the unweighted mean
/// over the labels, weighted the mean weighted by support, micro the ratio of the summed counts. Every metric is undefined
/// when there are no rows.
/// </summary>
public sealed record MulticlassPerformanceMetrics
{
    /// <summary>Rows counted.</summary>
    public required long Count { get; init; }

    /// <summary>The labels, in ordinal order; the order of <see cref="Confusion"/> and <see cref="PerLabel"/>.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>
    /// The non-zero cells of the K×K confusion matrix (rows the true label, columns the predicted one), in row-major order
    /// of <see cref="Labels"/>; sparse, so that many labels do not cost K² memory.
    /// </summary>
    public required IReadOnlyList<ConfusionCell> Confusion { get; init; }

    /// <summary>Per-label counts and metrics.</summary>
    public required IReadOnlyList<LabelMetrics> PerLabel { get; init; }

    /// <summary>Correct / n.</summary>
    public required MetricResult Accuracy { get; init; }

    /// <summary>Mean per-label precision.</summary>
    public required MetricResult PrecisionMacro { get; init; }

    /// <summary>Mean per-label recall.</summary>
    public required MetricResult RecallMacro { get; init; }

    /// <summary>Mean per-label F1.</summary>
    public required MetricResult F1Macro { get; init; }

    /// <summary>Σ true positives / Σ predicted (equals accuracy when every label is counted).</summary>
    public required MetricResult PrecisionMicro { get; init; }

    /// <summary>Σ true positives / Σ support.</summary>
    public required MetricResult RecallMicro { get; init; }

    /// <summary>2·Σ true positives / (Σ support + Σ predicted).</summary>
    public required MetricResult F1Micro { get; init; }

    /// <summary>Per-label precision weighted by support.</summary>
    public required MetricResult PrecisionWeighted { get; init; }

    /// <summary>Per-label recall weighted by support.</summary>
    public required MetricResult RecallWeighted { get; init; }

    /// <summary>Per-label F1 weighted by support.</summary>
    public required MetricResult F1Weighted { get; init; }
}
