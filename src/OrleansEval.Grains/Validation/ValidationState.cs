using OrleansEval.Validation;

namespace OrleansEval.Grains.Validation;

/// <summary>What a validation persists: its report once it ran.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.ValidationState")]
public sealed class ValidationState
{
    [Id(0)] public ValidationReport? Report { get; set; }
}
