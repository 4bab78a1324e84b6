using OrleansEval.Gateway.Performance;

namespace OrleansEval.Gateway.Slices;

/// <summary>
/// The documented shape of one slice in the listing: its performance in the window, the change of its headline metric
/// from the baseline (and whether that is a degradation), the drift of its predictions, its backfill when it is a named
/// slice, and its baseline's performance (null, with the reason, when there is none).
/// </summary>
internal sealed record SliceStatusAnswer(
    string Slice,
    long Predictions,
    long Labelled,
    double? LabelledShare,
    IReadOnlyDictionary<string, double?> Realised,
    IReadOnlyDictionary<string, double?> Estimated,
    IReadOnlyDictionary<string, string> Undefined,
    IReadOnlyDictionary<string, double> Bounds,
    string HeadlineMetric,
    double? Change,
    bool Degraded,
    double? PredictionPsi,
    bool PredictionDrifted,
    SlicePerformanceAnswer? Baseline,
    IReadOnlyList<CalibrationPointAnswer>? Calibration = null,
    BackfillAnswer? Backfill = null,
    string? BaselineMissing = null,
    string? ChangeMissing = null);
