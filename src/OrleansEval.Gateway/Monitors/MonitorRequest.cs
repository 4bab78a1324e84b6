namespace OrleansEval.Gateway.Monitors;

/// <summary>The body of PUT /v1/models/{modelId}/monitors/{name}.</summary>
internal sealed class MonitorRequest
{
    public string? Kind { get; set; }
    public string? Target { get; set; }
    public string? Measure { get; set; }
    public double? Threshold { get; set; }
    public double? DropFromBaseline { get; set; }
    public double? AutoThresholdK { get; set; }
    public string? Baseline { get; set; }
    public string? Version { get; set; }
    public string? Environment { get; set; }
    public string? Window { get; set; }
    public long? MinCount { get; set; }
    public string? Slice { get; set; }
    public double? Hysteresis { get; set; }
    public string? Cooldown { get; set; }
    public int? TopK { get; set; }
    public double? MaxQValue { get; set; }
}
