namespace OrleansEval.Grains.Webhooks;

/// <summary>What the webhook registry persists: the names of the defined webhooks.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.WebhookRegistryState")]
public sealed class WebhookRegistryState
{
    [Id(0)] public SortedSet<string> Names { get; set; } = new(StringComparer.Ordinal);
}
