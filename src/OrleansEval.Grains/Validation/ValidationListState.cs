using OrleansEval.Validation;

namespace OrleansEval.Grains.Validation;

/// <summary>What a model's list of validations persists: each validation that ran, oldest first.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.ValidationListState")]
public sealed class ValidationListState
{
    [Id(0)] public List<ValidationSummary> Validations { get; set; } = [];
}
