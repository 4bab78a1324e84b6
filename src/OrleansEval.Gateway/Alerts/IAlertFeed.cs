namespace OrleansEval.Gateway.Alerts;

/// <summary>
/// This node's subscription to the cluster-wide alert stream, shared by every SSE and gRPC subscriber on it. Each
/// subscriber has a bounded buffer: one that falls behind is told so (a <see cref="AlertFeedItem.Lagged"/> item) and
/// can resume from the last sequence it saw, so it never blocks evaluation or other subscribers.
/// </summary>
public interface IAlertFeed
{
    /// <summary>
    /// Alerts with a sequence number above <paramref name="afterSequence"/> — first those already in the history (for
    /// resumption), then live ones as they are published — optionally of one model.
    /// </summary>
    IAsyncEnumerable<AlertFeedItem> SubscribeAsync(long afterSequence, string? modelId, CancellationToken cancellationToken);
}
