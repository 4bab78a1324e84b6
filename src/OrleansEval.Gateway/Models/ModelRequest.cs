namespace OrleansEval.Gateway.Models;

/// <summary>The body of PUT /v1/models/{modelId}.</summary>
internal sealed class ModelRequest
{
    public string? Task { get; set; }
    public string? PositiveLabel { get; set; }
    public string? NegativeLabel { get; set; }
    public double? Threshold { get; set; }
    public string? Bucket { get; set; }
    public List<ColumnRequest>? Features { get; set; }
    public List<ColumnRequest>? Tags { get; set; }
    public List<string>? Classes { get; set; }
}
