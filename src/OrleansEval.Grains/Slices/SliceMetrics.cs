using OrleansEval.Performance;
using OrleansEval.Sketches.Estimation;
using OrleansEval.Sketches.Performance;

namespace OrleansEval.Grains.Slices;

/// <summary>Names and orders the metrics of a merged slice bucket the way the API reports them.</summary>
internal static class SliceMetrics
{
    public const string NotCalibrated = "no baseline with labelled predictions has been frozen, so there is no calibration to estimate with";

    public static MetricSet Realised(SliceBucket bucket)
    {
        if (bucket.Binary is { IsEmpty: false } binary)
        {
            var m = binary.ComputeMetrics();
            return Set(
                ("accuracy", m.Accuracy), ("precision", m.Precision), ("recall", m.Recall), ("f1", m.F1),
                ("specificity", m.Specificity), ("rocAuc", m.RocAuc), ("logLoss", m.LogLoss), ("brier", m.Brier),
                ("actualPositiveRate", m.ActualPositiveRate), ("predictedPositiveRate", m.PredictedPositiveRate), ("meanScore", m.MeanScore));
        }

        if (bucket.Multiclass is { Count: > 0 } multiclass)
        {
            var m = multiclass.ComputeMetrics();
            return Set(
                ("accuracy", m.Accuracy),
                ("precisionMacro", m.PrecisionMacro), ("recallMacro", m.RecallMacro), ("f1Macro", m.F1Macro),
                ("precisionMicro", m.PrecisionMicro), ("recallMicro", m.RecallMicro), ("f1Micro", m.F1Micro),
                ("precisionWeighted", m.PrecisionWeighted), ("recallWeighted", m.RecallWeighted), ("f1Weighted", m.F1Weighted));
        }

        if (bucket.Regression is { Count: > 0 } regression)
        {
            var m = regression.ComputeMetrics();
            return Set(
                ("mae", m.MeanAbsoluteError), ("rmse", m.RootMeanSquaredError), ("mape", m.MeanAbsolutePercentageError),
                ("r2", m.R2), ("bias", m.Bias), ("medianAbsoluteError", m.MedianAbsoluteError));
        }

        return MetricSet.Empty;
    }

    public static MetricSet Estimated(SliceBucket bucket, ulong calibration) =>
        calibration == 0 || !bucket.Estimates.TryGetValue(calibration, out var state) ? MetricSet.Empty : Estimated(state);

    /// <summary>The label-free estimate of a merged estimation state under the current calibration (none: empty).</summary>
    public static MetricSet Estimated(CbpeState? state)
    {
        if (state is null || state.IsEmpty)
        {
            return MetricSet.Empty;
        }

        var e = state.Estimate();
        return new MetricSet(
        [
            Metric("accuracy", e.Accuracy),
            Metric("precision", e.Precision),
            Metric("recall", e.Recall),
            Metric("f1", e.F1),
            new("rocAuc", e.RocAuc is { } auc ? new MetricValue(auc, null, e.RocAucErrorBound ?? 0) : new MetricValue(null, "expected positives or negatives are absent")),
        ]);
    }

    /// <summary>The calibration curve of a binary bucket's labelled, scored predictions (ten equal-width bins).</summary>
    public static System.Collections.Immutable.ImmutableArray<CalibrationPoint> Calibration(SliceBucket bucket) =>
        bucket.Binary is { ScoredCount: > 0 } binary
            ? [.. binary.ComputeMetrics().CalibrationBins.Select(b => new CalibrationPoint(b.Lower, b.Upper, b.Count, b.MeanScore.Value, b.ObservedPositiveRate.Value))]
            : [];

    private static KeyValuePair<string, MetricValue> Metric(string name, double? value) =>
        new(name, value is null ? new MetricValue(null, "undefined for these predictions") : new MetricValue(value, null));

    private static MetricSet Set(params (string Name, MetricResult Result)[] metrics) =>
        new([.. metrics.Select(m => new KeyValuePair<string, MetricValue>(m.Name, new MetricValue(m.Result.Value, m.Result.Reason, m.Result.Bound)))]);
}
