namespace OrleansEval.Gateway.Webhooks;

/// <summary>The body of PUT /v1/webhooks/{name}.</summary>
internal sealed class WebhookRequest
{
    public string? Url { get; set; }
    public List<string>? Models { get; set; }
    public List<string>? States { get; set; }
    public string? Format { get; set; }
    public string? Secret { get; set; }
    public string? RoutingKey { get; set; }
}
