using Microsoft.Extensions.Options;

namespace OrleansEval.Grains.Validation;

/// <summary>Refuses validation settings out of their range at start-up, naming each.</summary>
internal sealed class ValidationOptionsValidator : IValidateOptions<ValidationOptions>
{
    public ValidateOptionsResult Validate(string? name, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Validate();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
