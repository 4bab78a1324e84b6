namespace OrleansEval.Gateway.Baselines;

/// <summary>The body of PUT /v1/models/{modelId}/baselines/{name}.</summary>
internal sealed class BaselineRequest
{
    public string? Version { get; set; }
    public string? Environment { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public int? Bins { get; set; }
    public Dictionary<string, double[]>? Edges { get; set; }
}
