using OrleansEval.Webhooks;

namespace OrleansEval.Grains.Webhooks;

/// <summary>What a webhook persists: its definition, its cursor into the alert log, the retry under way, and its recent attempts.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.WebhookState")]
public sealed class WebhookState
{
    [Id(0)] public WebhookDefinition? Definition { get; set; }

    [Id(1)] public bool Enabled { get; set; }

    [Id(2)] public string? DisabledReason { get; set; }

    /// <summary>The last alert handled: everything up to it was delivered, did not match, or was given up.</summary>
    [Id(3)] public long Cursor { get; set; }

    /// <summary>Failed attempts at the alert after the cursor.</summary>
    [Id(4)] public int Attempts { get; set; }

    [Id(5)] public DateTimeOffset? FirstFailureAt { get; set; }

    [Id(6)] public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Newest first.</summary>
    [Id(7)] public List<WebhookAttempt> Deliveries { get; set; } = [];

    /// <summary>Newest first.</summary>
    [Id(8)] public List<WebhookAttempt> Failures { get; set; } = [];
}
