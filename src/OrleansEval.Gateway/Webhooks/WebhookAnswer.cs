using OrleansEval.Webhooks;

namespace OrleansEval.Gateway.Webhooks;

/// <summary>A webhook as the API answers it: never its secret or routing key, only whether they are set.</summary>
internal static class WebhookAnswer
{
    public static object Of(WebhookStatus status) => new
    {
        name = status.Name,
        url = status.Definition.Url.OriginalString,
        models = status.Definition.Models,
        states = status.Definition.States.Select(s => s.ToString().ToLowerInvariant()),
        format = Format(status.Definition.Format),
        hasSecret = status.HasSecret,
        enabled = status.Enabled,
        disabledReason = status.DisabledReason,
        cursor = status.Cursor,
        nextAttemptAt = status.NextAttemptAt?.UtcDateTime,
        deliveries = status.Deliveries.Select(Attempt),
        failures = status.Failures.Select(Attempt),
    };

    public static object Summary(WebhookStatus status) => new
    {
        name = status.Name,
        url = status.Definition.Url.OriginalString,
        format = Format(status.Definition.Format),
        enabled = status.Enabled,
        cursor = status.Cursor,
    };

    private static string Format(WebhookFormat format) => format switch
    {
        WebhookFormat.Slack => "slack",
        WebhookFormat.PagerDuty => "pagerduty",
        _ => "json",
    };

    private static object Attempt(WebhookAttempt attempt) => new
    {
        sequence = attempt.Sequence,
        at = attempt.At.UtcDateTime,
        attempt = attempt.Attempt,
        status = attempt.Status,
        error = attempt.Error,
        durationMs = attempt.DurationMs,
    };
}
