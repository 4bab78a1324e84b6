using System.Collections.Immutable;
using OrleansEval.Alerts;

namespace OrleansEval.Webhooks;

/// <summary>Where and how alerts are POSTed, and which of them: the body of <c>PUT /v1/webhooks/{name}</c>, checked.</summary>
[GenerateSerializer]
[Alias("OrleansEval.WebhookDefinition")]
[Immutable]
public sealed record WebhookDefinition
{
    /// <summary>The receiver: an absolute http or https URL.</summary>
    [Id(0)] public required Uri Url { get; init; }

    /// <summary>The models whose alerts are sent; empty means every model.</summary>
    [Id(1)] public ImmutableArray<string> Models { get; init; } = [];

    /// <summary>The alert states that are sent; empty means every state.</summary>
    [Id(2)] public ImmutableArray<AlertState> States { get; init; } = [];

    /// <summary>What is POSTed.</summary>
    [Id(3)] public WebhookFormat Format { get; init; }

    /// <summary>The key of the body's HMAC-SHA256 signature (at least 16 bytes of UTF-8); null sends no signature. Never answered.</summary>
    [Id(4)] public string? Secret { get; init; }

    /// <summary>The PagerDuty integration's routing key (required for <see cref="WebhookFormat.PagerDuty"/>). Never answered.</summary>
    [Id(5)] public string? RoutingKey { get; init; }

    /// <summary>Whether <paramref name="alert"/> is one this webhook sends.</summary>
    public bool Matches(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return (Models.IsDefaultOrEmpty || Models.Contains(alert.ModelId)) && (States.IsDefaultOrEmpty || States.Contains(alert.State));
    }
}
