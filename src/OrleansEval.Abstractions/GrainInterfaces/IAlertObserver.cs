using System.Collections.Immutable;
using OrleansEval.Alerts;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// A node's live subscription to the alert log: told of alerts as soon as the log has written them. The log stays the
/// durable source; a node that missed some reads them from it by sequence number.
/// </summary>
[Alias("OrleansEval.IAlertObserver")]
public interface IAlertObserver : IGrainObserver
{
    /// <summary>Alerts the log has just written, in sequence order.</summary>
    // One-way: the log never waits for a node, so a slow or gone node cannot hold up an append.
    [Alias("OnAlerts")]
    [Orleans.Concurrency.OneWay]
    Task OnAlertsAsync(ImmutableArray<Alert> alerts);
}
