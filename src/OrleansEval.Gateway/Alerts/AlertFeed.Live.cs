using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansEval.Alerts;
using OrleansEval.GrainInterfaces;

namespace OrleansEval.Gateway.Alerts;

/// <summary>
/// The fast path from the alert log to this node: an observer the log tells of each alert as soon as it is written,
/// renewed every <see cref="RenewEvery"/>; each renewal answers the log's last sequence number, so alerts the observer
/// missed (a lapse, the log's grain moved) are read from the log then. The relay hands every sequence number on once,
/// in order: what the observer and the stream both deliver is passed on by whichever comes first.
/// </summary>
internal sealed partial class AlertFeed : IDisposable
{
    /// <summary>How often this node renews its observer with the log, and at the latest catches up with it.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    private const int PageSize = 1_000;

    private readonly SemaphoreSlim _relay = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private LogObserver? _observer;
    private IAlertObserver? _reference;
    private Task _watching = Task.CompletedTask;

    // The last sequence handed to subscribers; null until the log or a first alert says where it stands.
    private long? _relayed;

    public void Dispose()
    {
        _relay.Dispose();
        _stopping.Dispose();
    }

    private void StartWatching()
    {
        // Orleans holds the observer weakly: this field keeps it alive as long as the feed.
        _observer = new LogObserver(this);
        _reference = cluster.CreateObjectReference<IAlertObserver>(_observer);
        _watching = WatchAsync(_stopping.Token);
    }

    private async Task StopWatchingAsync()
    {
        await _stopping.CancelAsync();
        await _watching;
        if (_reference is not null)
        {
            // In a process that is also a silo, the silo may have stopped first and taken the reference with it.
            try
            {
                await cluster.GetGrain<IAlertLogGrain>(0).UnwatchAsync(_reference);
                cluster.DeleteObjectReference<IAlertObserver>(_reference);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogUnwatchFailed(logger, e);
            }
        }
    }

    private async Task WatchAsync(CancellationToken stopping)
    {
        var log = cluster.GetGrain<IAlertLogGrain>(0);
        while (!stopping.IsCancellationRequested)
        {
            var wait = RenewEvery;
            try
            {
                var last = await log.WatchAsync(_reference!).WaitAsync(stopping);
                await CatchUpAsync(last, stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWatchFailed(logger, e);
                wait = RetryEvery;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(wait, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Reads from the log what this node has not relayed up to the log's last sequence.
    private async Task CatchUpAsync(long last, CancellationToken cancellationToken)
    {
        await _relay.WaitAsync(cancellationToken);
        try
        {
            if (_relayed is null)
            {
                _relayed = last;
                return;
            }

            await ReadGapAsync(last, cancellationToken);
        }
        finally
        {
            _relay.Release();
        }
    }

    // Alerts from the observer or the stream: a gap before them is read from the log first, repeats are dropped.
    private async Task RelayAsync(IReadOnlyList<Alert> alerts)
    {
        await _relay.WaitAsync();
        try
        {
            if (alerts.Count == 0)
            {
                return;
            }

            _relayed ??= alerts[0].Sequence - 1;
            await ReadGapAsync(alerts[0].Sequence - 1, CancellationToken.None);
            foreach (var alert in alerts.Where(a => a.Sequence > _relayed))
            {
                Publish(alert);
                _relayed = alert.Sequence;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRelayFailed(logger, e);
        }
        finally
        {
            _relay.Release();
        }
    }

    private async Task ReadGapAsync(long upTo, CancellationToken cancellationToken)
    {
        var log = cluster.GetGrain<IAlertLogGrain>(0);
        while (_relayed < upTo)
        {
            var page = await log.ListAsync(new AlertQuery(null, null, null, null, _relayed.Value, PageSize)).WaitAsync(cancellationToken);
            foreach (var alert in page.Where(a => a.Sequence <= upTo))
            {
                Publish(alert);
                _relayed = alert.Sequence;
            }

            if (page.Length < PageSize || page[^1].Sequence > upTo)
            {
                // The log no longer holds the rest (trimmed): skip past what cannot be read.
                _relayed = Math.Max(_relayed.Value, upTo);
            }
        }
    }

    private sealed class LogObserver(AlertFeed feed) : IAlertObserver
    {
        public Task OnAlertsAsync(ImmutableArray<Alert> alerts) => feed.RelayAsync(alerts);
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Could not watch the alert log; alerts come by the stream until the next try")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Could not stop watching the alert log")]
    private static partial void LogUnwatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Could not relay alerts to this node's subscribers; the next renewal reads them from the log")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);
}
