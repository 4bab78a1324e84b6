using Microsoft.Extensions.Options;

namespace OrleansEval.Gateway.Admission;

/// <summary>Refuses admission limits that cannot work, at start-up.</summary>
internal sealed class AdmissionOptionsValidator : IValidateOptions<AdmissionOptions>
{
    /// <summary>Longest queue wait accepted; a longer one would hold connections while hiding an overload.</summary>
    public static readonly TimeSpan MaxQueueTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Longest Retry-After accepted, in seconds.</summary>
    public const int MaxRetryAfterSeconds = 3600;

    /// <summary>Smallest body budget accepted: one buffer of the first size a body is read into.</summary>
    public const long MinBufferedBodyBytes = BodyBudget.FirstBufferBytes;

    public ValidateOptionsResult Validate(string? name, AdmissionOptions options)
    {
        var failures = new List<string>();
        if (options.MaxConcurrentIngests < 1)
        {
            failures.Add("Gateway:Admission:MaxConcurrentIngests must be at least 1.");
        }

        if (options.MaxQueuedIngests < 0)
        {
            failures.Add("Gateway:Admission:MaxQueuedIngests must be 0 or more.");
        }

        if (options.QueueTimeout <= TimeSpan.Zero || options.QueueTimeout > MaxQueueTimeout)
        {
            failures.Add($"Gateway:Admission:QueueTimeout must be more than 0 and at most {MaxQueueTimeout}.");
        }

        if (options.RetryAfterSeconds is < 1 or > MaxRetryAfterSeconds)
        {
            failures.Add($"Gateway:Admission:RetryAfterSeconds must be 1 to {MaxRetryAfterSeconds}.");
        }

        if (options.MaxBufferedBodyBytes < MinBufferedBodyBytes)
        {
            failures.Add($"Gateway:Admission:MaxBufferedBodyBytes must be at least {MinBufferedBodyBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
