using OrleansEval.Gateway.Queries;

namespace OrleansEval.Gateway.Performance;

/// <summary>
/// The documented shape of a slice's performance over one window: counts, realised and estimated metrics by name (null
/// where undefined, with the reason under <c>undefined</c> and a summary's error bound under <c>bounds</c>, both keyed
/// <c>realised.name</c> or <c>estimated.name</c>), and the calibration curve of a classifier.
/// </summary>
internal sealed record SlicePerformanceAnswer(
    string Slice,
    WindowAnswer Window,
    long Predictions,
    long Labelled,
    double? LabelledShare,
    IReadOnlyDictionary<string, double?> Realised,
    IReadOnlyDictionary<string, double?> Estimated,
    IReadOnlyDictionary<string, string> Undefined,
    IReadOnlyDictionary<string, double> Bounds,
    IReadOnlyList<CalibrationPointAnswer>? Calibration = null);
