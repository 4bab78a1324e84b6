using Microsoft.Extensions.Options;

namespace OrleansEval.Grains.Webhooks;

/// <summary>Refuses webhook options that would retry never or forever, at start-up.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        if (options.InitialBackoff <= TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            failures.Add("OrleansEval:Webhooks:InitialBackoff must be positive and MaxBackoff at least InitialBackoff.");
        }

        if (options.RetryFor <= TimeSpan.Zero)
        {
            failures.Add("OrleansEval:Webhooks:RetryFor must be positive.");
        }

        if (options.ReceiverTimeout <= TimeSpan.Zero || options.ReceiverTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("OrleansEval:Webhooks:ReceiverTimeout must be positive and at most 5 minutes.");
        }

        if (options.ReminderPeriod < TimeSpan.FromMinutes(1))
        {
            failures.Add("OrleansEval:Webhooks:ReminderPeriod must be at least 1 minute (Orleans' shortest reminder).");
        }

        if (options.History is < 1 or > 1_000)
        {
            failures.Add("OrleansEval:Webhooks:History must be between 1 and 1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
