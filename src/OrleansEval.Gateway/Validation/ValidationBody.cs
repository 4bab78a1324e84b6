namespace OrleansEval.Gateway.Validation;

/// <summary>The body of POST /v1/models/{modelId}/validations.</summary>
internal sealed class ValidationBody
{
    public SeriesBody? Candidate { get; set; }
    public SeriesBody? Reference { get; set; }
    public ProductionBody? Production { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Metric { get; set; }
    public int? MinSize { get; set; }
}
