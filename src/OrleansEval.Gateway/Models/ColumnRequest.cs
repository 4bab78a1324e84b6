namespace OrleansEval.Gateway.Models;

/// <summary>A feature or tag in a model request: {name, type}.</summary>
internal sealed class ColumnRequest
{
    public string? Name { get; set; }
    public string? Type { get; set; }
}
