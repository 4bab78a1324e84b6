namespace OrleansEval.Gateway.Webhooks;

/// <summary>The documented shape of GET /v1/webhooks: every webhook in short (<see cref="WebhookAnswer.Summary"/>).</summary>
internal sealed record WebhookListAnswer(IReadOnlyList<WebhookListAnswer.WebhookSummaryAnswer> Webhooks)
{
    /// <summary>A webhook in short.</summary>
    internal sealed record WebhookSummaryAnswer(string Name, string Url, string Format, bool Enabled, long Cursor);
}
