namespace OrleansEval.Grains.Ingest;

/// <summary>
/// The idempotency keys an ingest-log partition first saw in one span of time (a 24th of the idempotency window), kept
/// after their entries were trimmed so a late resend is still recognised; deleted whole once the span is older than
/// the window. Only the page of the current span is rewritten, so the cost of a write does not grow with the window.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.IngestKeyPage")]
public sealed class IngestKeyPage
{
    [Id(0)] public Dictionary<string, RememberedBatch> Keys { get; set; } = new(StringComparer.Ordinal);
}
