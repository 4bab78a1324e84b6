namespace OrleansEval.Gateway.Monitors;

/// <summary>
/// The documented shape of a monitor as PUT, GET and the listing of /v1/models/{modelId}/monitors answer it; a
/// worst-slice monitor adds <c>topK</c> and <c>maxQValue</c>.
/// </summary>
internal sealed record MonitorAnswer(
    string Name,
    string Kind,
    string Target,
    string Measure,
    double? Threshold,
    double? DropFromBaseline,
    double? AutoThresholdK,
    string? Baseline,
    string Version,
    string Environment,
    string Window,
    long MinCount,
    string Slice,
    double Hysteresis,
    string Cooldown,
    int? TopK = null,
    double? MaxQValue = null);
