namespace OrleansEval.Gateway.Webhooks;

/// <summary>
/// The documented shape of one webhook as PUT and GET /v1/webhooks/{name} answer it (<see cref="WebhookAnswer.Of"/>):
/// its definition without its secret, whether it is enabled, its cursor into the alert log, and its last deliveries and failures.
/// </summary>
internal sealed record WebhookDetailAnswer(
    string Name,
    string Url,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> States,
    string Format,
    bool HasSecret,
    bool Enabled,
    string? DisabledReason,
    long Cursor,
    DateTime? NextAttemptAt,
    IReadOnlyList<WebhookDetailAnswer.WebhookAttemptAnswer> Deliveries,
    IReadOnlyList<WebhookDetailAnswer.WebhookAttemptAnswer> Failures)
{
    /// <summary>One attempt to deliver an alert: the receiver's status (null when it did not answer) or the error.</summary>
    internal sealed record WebhookAttemptAnswer(long Sequence, DateTime At, int Attempt, int? Status, string? Error, long DurationMs);
}
