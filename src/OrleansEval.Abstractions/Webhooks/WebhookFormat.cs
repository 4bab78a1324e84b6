namespace OrleansEval.Webhooks;

/// <summary>What a webhook POSTs for each alert.</summary>
[GenerateSerializer]
[Alias("OrleansEval.WebhookFormat")]
public enum WebhookFormat
{
    /// <summary>The alert document itself, as <c>GET /v1/alerts</c> lists it.</summary>
    Json = 0,

    /// <summary>A Slack incoming-webhook message: <c>text</c> and a <c>section</c> block.</summary>
    Slack = 1,

    /// <summary>A PagerDuty Events API v2 event: <c>trigger</c> when firing, <c>resolve</c> when resolved.</summary>
    PagerDuty = 2,
}
