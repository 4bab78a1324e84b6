using System.Collections.Immutable;

namespace OrleansEval.Webhooks;

/// <summary>A webhook as <c>GET /v1/webhooks/{name}</c> shows it: its definition without secrets, its cursor, and its last deliveries and failures.</summary>
[GenerateSerializer]
[Alias("OrleansEval.WebhookStatus")]
[Immutable]
public sealed record WebhookStatus
{
    /// <summary>The webhook's name.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The definition with <see cref="WebhookDefinition.Secret"/> and <see cref="WebhookDefinition.RoutingKey"/> removed.</summary>
    [Id(1)] public required WebhookDefinition Definition { get; init; }

    /// <summary>Whether the body is signed.</summary>
    [Id(2)] public bool HasSecret { get; init; }

    /// <summary>False once the receiver answered 410 Gone; a PUT enables it again.</summary>
    [Id(3)] public bool Enabled { get; init; }

    /// <summary>Why the webhook is disabled; null while enabled.</summary>
    [Id(4)] public string? DisabledReason { get; init; }

    /// <summary>The sequence number of the last alert handled (delivered, not matching, or given up on).</summary>
    [Id(5)] public long Cursor { get; init; }

    /// <summary>When the alert after the cursor is tried again, while a retry is waiting; null otherwise.</summary>
    [Id(6)] public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The most recent successful deliveries, newest first.</summary>
    [Id(7)] public ImmutableArray<WebhookAttempt> Deliveries { get; init; } = [];

    /// <summary>The most recent failed attempts, newest first.</summary>
    [Id(8)] public ImmutableArray<WebhookAttempt> Failures { get; init; } = [];
}
