using OrleansEval.Validation;

namespace OrleansEval.GrainInterfaces;

/// <summary>One validation of a model, keyed <c>modelId/validationId</c>: runs once, then keeps its report.</summary>
[Alias("OrleansEval.IValidationGrain")]
public interface IValidationGrain : IGrainWithStringKey
{
    /// <summary>Runs <paramref name="request"/> and stores its report; a validation that already ran answers its report.</summary>
    [Alias("Run")]
    Task<ValidationAnswer> RunAsync(ValidationRequest request, CancellationToken cancellationToken = default);

    /// <summary>The stored report, or null when this validation never ran; raises a failing report's alert if a crash kept it from being raised.</summary>
    [Alias("Get")]
    Task<ValidationReport?> GetAsync();
}
