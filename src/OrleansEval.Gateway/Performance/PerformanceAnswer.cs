using OrleansEval.Gateway.Queries;

namespace OrleansEval.Gateway.Performance;

/// <summary>
/// The documented shape of a performance answer, which <see cref="PerformanceJson"/> writes: the slice's metrics over
/// the whole window, then one point per granule of the series (empty without a granularity).
/// </summary>
internal sealed record PerformanceAnswer(
    string ModelId,
    string Version,
    string Environment,
    string Slice,
    WindowAnswer Window,
    long Predictions,
    long Labelled,
    double? LabelledShare,
    IReadOnlyDictionary<string, double?> Realised,
    IReadOnlyDictionary<string, double?> Estimated,
    IReadOnlyDictionary<string, string> Undefined,
    IReadOnlyDictionary<string, double> Bounds,
    IReadOnlyList<SlicePerformanceAnswer> Series,
    IReadOnlyList<CalibrationPointAnswer>? Calibration = null);
