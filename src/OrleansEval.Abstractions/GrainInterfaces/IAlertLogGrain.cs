using System.Collections.Immutable;
using OrleansEval.Alerts;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// The cluster's alert history (key 0): numbers every alert, keeps the most recent ones (bounded) persisted, publishes
/// each to the alert stream and to the nodes' live observers, and answers listings and stream resumption. Alerts are rare, so one grain suffices.
/// </summary>
[Alias("OrleansEval.IAlertLogGrain")]
public interface IAlertLogGrain : IGrainWithIntegerKey
{
    /// <summary>Numbers, stores and publishes alerts; returns them with their sequence numbers.</summary>
    [Alias("Append")]
    Task<ImmutableArray<Alert>> AppendAsync(ImmutableArray<Alert> alerts);

    /// <summary>
    /// Registers (or renews) a node's live observer for <see cref="IAlertObserver.OnAlertsAsync"/>, which lapses unless
    /// renewed within a minute; answers the sequence number of the last alert written, from which the node reads what
    /// it may have missed.
    /// </summary>
    [Alias("Watch")]
    Task<long> WatchAsync(IAlertObserver observer);

    /// <summary>Removes a node's live observer.</summary>
    [Alias("Unwatch")]
    Task UnwatchAsync(IAlertObserver observer);

    /// <summary>Alerts matching the query, oldest first.</summary>
    [Alias("List")]
    Task<ImmutableArray<Alert>> ListAsync(AlertQuery query);

    /// <summary>The sequence number of the newest alert; 0 before the first.</summary>
    [Alias("LastSequence")]
    Task<long> GetLastSequenceAsync();
}
