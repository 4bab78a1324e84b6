using System.Collections.Immutable;
using OrleansEval.Alerts;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// The cluster's alert history (key 0): numbers every alert, keeps the most recent ones (bounded) persisted, publishes
/// each to the alert stream, and answers listings and stream resumption. Alerts are rare, so one grain suffices.
/// </summary>
[Alias("OrleansEval.IAlertLogGrain")]
public interface IAlertLogGrain : IGrainWithIntegerKey
{
    /// <summary>Numbers, stores and publishes alerts; returns them with their sequence numbers.</summary>
    [Alias("Append")]
    Task<ImmutableArray<Alert>> AppendAsync(ImmutableArray<Alert> alerts);

    /// <summary>Alerts matching the query, oldest first.</summary>
    [Alias("List")]
    Task<ImmutableArray<Alert>> ListAsync(AlertQuery query);

    /// <summary>The sequence number of the newest alert; 0 before the first.</summary>
    [Alias("LastSequence")]
    Task<long> GetLastSequenceAsync();
}
