using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.Alerts;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;

namespace OrleansEval.Grains.Monitors;

/// <summary>
/// The cluster's alert history: numbers each alert, writes it before anything else happens to it (an alert is never
/// lost to a crash after it was raised), then hands it to every node's live observer (the fast path: no queue between
/// the log and the nodes) and publishes it on the cluster-wide alert stream. Observers live in memory and lapse after
/// <see cref="ObserverLifetime"/> unless renewed; a node that missed alerts (a lapse, a new activation of this grain)
/// reads them from the log by sequence number.
/// </summary>
internal sealed partial class AlertLogGrain(
    [PersistentState("alerts", StorageNames.State)] IPersistentState<AlertLogState> state,
    IOptions<OrleansEvalOptions> options,
    AlertMetrics metrics,
    TimeProvider wallClock,
    ILogger<AlertLogGrain> logger) : Grain, IAlertLogGrain
{
    /// <summary>How long an observer is told of alerts without renewing.</summary>
    public static readonly TimeSpan ObserverLifetime = TimeSpan.FromMinutes(1);

    private readonly Dictionary<IAlertObserver, DateTimeOffset> _observers = [];

    public Task<long> WatchAsync(IAlertObserver observer)
    {
        _observers[observer] = wallClock.GetUtcNow() + ObserverLifetime;
        return Task.FromResult(state.State.NextSequence - 1);
    }

    public Task UnwatchAsync(IAlertObserver observer)
    {
        _observers.Remove(observer);
        return Task.CompletedTask;
    }

    public async Task<ImmutableArray<Alert>> AppendAsync(ImmutableArray<Alert> alerts)
    {
        var numbered = alerts.Select(a => a with { Sequence = state.State.NextSequence++ }).ToImmutableArray();
        state.State.Alerts.AddRange(numbered);
        var excess = state.State.Alerts.Count - options.Value.AlertHistory;
        if (excess > 0)
        {
            state.State.Alerts.RemoveRange(0, excess);
        }

        await state.WriteStateAsync();
        Notify(numbered);
        await NotifyWebhooksAsync(numbered);
        metrics.Count(numbered);
        try
        {
            var stream = this.GetStreamProvider(AlertStreams.Provider).GetStream<Alert>(StreamId.Create(AlertStreams.Namespace, AlertStreams.Key));
            await stream.OnNextBatchAsync(numbered);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Subscribers resume from the log by sequence number, so a failed publication delays alerts, never loses them.
            LogPublishFailed(logger, e, numbered.Length);
        }

        return numbered;
    }

    // One-way calls: a node that is slow or gone costs the append nothing, and reads what it missed from the log.
    private void Notify(ImmutableArray<Alert> alerts)
    {
        var now = wallClock.GetUtcNow();
        foreach (var (observer, expires) in _observers.ToList())
        {
            if (expires < now)
            {
                _observers.Remove(observer);
                continue;
            }

            try
            {
                _ = observer.OnAlertsAsync(alerts);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotifyFailed(logger, e);
            }
        }
    }

    public Task<ImmutableArray<Alert>> ListAsync(AlertQuery query)
    {
        var limit = query.Limit is > 0 and <= 10_000 ? query.Limit : 1_000;
        var alerts = state.State.Alerts
            .Where(a => a.Sequence > query.AfterSequence)
            .Where(a => query.ModelId is null || a.ModelId == query.ModelId)
            .Where(a => query.State is null || a.State == query.State)
            .Where(a => query.From is null || a.At >= query.From)
            .Where(a => query.To is null || a.At < query.To)
            .Take(limit);
        return Task.FromResult<ImmutableArray<Alert>>([.. alerts]);
    }

    public Task<long> GetLastSequenceAsync() => Task.FromResult(state.State.NextSequence - 1);

    // A one-way call: webhooks deliver from this log, and each one's reminder makes good a notice that was lost.
    private Task NotifyWebhooksAsync(ImmutableArray<Alert> numbered) =>
        numbered.IsEmpty ? Task.CompletedTask : GrainFactory.GetGrain<IWebhookRegistryGrain>(0).AlertsAppendedAsync(numbered[^1].Sequence);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Could not tell a node of new alerts; it reads them from the log")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Could not publish {Count} alerts on the alert stream; subscribers will read them from the log")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, int count);
}
