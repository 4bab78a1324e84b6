using System.Collections.Immutable;
using OrleansEval.Validation;

namespace OrleansEval.GrainInterfaces;

/// <summary>The validations of one model (keyed by the model's id), persisted, newest first.</summary>
[Alias("OrleansEval.IValidationListGrain")]
public interface IValidationListGrain : IGrainWithStringKey
{
    /// <summary>Records a validation that ran.</summary>
    [Alias("Add")]
    Task AddAsync(ValidationSummary summary);

    /// <summary>The model's validations, newest first.</summary>
    [Alias("List")]
    Task<ImmutableArray<ValidationSummary>> ListAsync();
}
