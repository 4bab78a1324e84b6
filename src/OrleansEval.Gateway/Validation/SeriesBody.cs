namespace OrleansEval.Gateway.Validation;

/// <summary>A series named in a validation's body: a version and its environment (production when absent).</summary>
internal sealed class SeriesBody
{
    public string? Version { get; set; }
    public string? Environment { get; set; }
}
