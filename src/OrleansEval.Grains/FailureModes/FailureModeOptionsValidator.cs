using Microsoft.Extensions.Options;
using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Grains.FailureModes;

/// <summary>Refuses failure-mode thresholds out of their range at start-up, naming each.</summary>
internal sealed class FailureModeOptionsValidator : IValidateOptions<FailureModeOptions>
{
    public ValidateOptionsResult Validate(string? name, FailureModeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Validate();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
