namespace OrleansEval.Gateway.Validation;

/// <summary>The production side of a validation's body: the baseline the candidate's inputs are compared with.</summary>
internal sealed class ProductionBody
{
    public string? Baseline { get; set; }
}
