using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using OrleansEval.Alerts;
using OrleansEval.GrainInterfaces;

namespace OrleansEval.Gateway.Alerts;

/// <summary>
/// This node's live view of the alert log, fanned out to its SSE and gRPC subscribers: the log's observer (the fast
/// path, see <c>AlertFeed.Live.cs</c>) and the cluster-wide alert stream both feed one relay that hands each sequence
/// number on once and in order, reading any gap from the log. A subscriber's buffer holds <see cref="BufferSize"/>
/// alerts; when it overflows the subscriber is cut off with a "lagged" notice and resumes from the last sequence it
/// saw, so one slow reader never slows the rest.
/// </summary>
internal sealed partial class AlertFeed(IClusterClient cluster, ILogger<AlertFeed> logger) : IAlertFeed, IHostedService
{
    /// <summary>Alerts a subscriber may have unread before it is told it fell behind.</summary>
    public const int BufferSize = 256;

    private readonly Lock _gate = new();
    private readonly List<Subscriber> _subscribers = [];
    private StreamSubscriptionHandle<Alert>? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stream = cluster.GetStreamProvider(AlertStreams.Provider).GetStream<Alert>(StreamId.Create(AlertStreams.Namespace, AlertStreams.Key));
        _subscription = await stream.SubscribeAsync((alert, _) => RelayAsync([alert]));
        StartWatching();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await StopWatchingAsync();
        if (_subscription is not null)
        {
            try
            {
                await _subscription.UnsubscribeAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogUnsubscribeFailed(logger, e);
            }
        }
    }

    public async IAsyncEnumerable<AlertFeedItem> SubscribeAsync(long afterSequence, string? modelId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Listen first, then read the history, so nothing published in between is missed; duplicates are skipped by sequence.
        var subscriber = new Subscriber(Channel.CreateBounded<Alert>(new BoundedChannelOptions(BufferSize) { SingleReader = true }));
        lock (_gate)
        {
            _subscribers.Add(subscriber);
        }

        try
        {
            var last = afterSequence;
            var log = cluster.GetGrain<IAlertLogGrain>(0);
            while (true)
            {
                var history = await log.ListAsync(new AlertQuery(modelId, null, null, null, last, 1_000)).WaitAsync(cancellationToken);
                foreach (var alert in history)
                {
                    last = alert.Sequence;
                    yield return AlertFeedItem.Of(alert);
                }

                if (history.Length < 1_000)
                {
                    break;
                }
            }

            await foreach (var alert in subscriber.Channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (alert.Sequence > last && (modelId is null || alert.ModelId == modelId))
                {
                    last = alert.Sequence;
                    yield return AlertFeedItem.Of(alert);
                }
            }

            if (subscriber.Lagged)
            {
                yield return AlertFeedItem.LaggedNotice;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(subscriber);
            }
        }
    }

    // Hands a published alert to every subscriber of this node; never waits for one.
    private void Publish(Alert alert)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                if (!subscriber.Lagged && !subscriber.Channel.Writer.TryWrite(alert))
                {
                    subscriber.Lagged = true;
                    subscriber.Channel.Writer.TryComplete();
                }
            }
        }
    }

    private sealed class Subscriber(Channel<Alert> channel)
    {
        public Channel<Alert> Channel { get; } = channel;

        public bool Lagged { get; set; }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Could not leave the alert stream")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
