using System.Collections.Immutable;
using OrleansEval.Alerts;
using OrleansEval.Models;
using OrleansEval.Monitors;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// A model's monitors (key: model id): their definitions, each target's alert state, and their evaluation on a timer
/// (and on demand) through the same query code as the HTTP API.
/// </summary>
[Alias("OrleansEval.IMonitorGrain")]
public interface IMonitorGrain : IGrainWithStringKey
{
    /// <summary>Defines or replaces a monitor; returns the field and rule at fault, or null.</summary>
    [Alias("Define")]
    Task<ModelChangeError?> DefineAsync(MonitorDefinition monitor);

    /// <summary>Removes a monitor and its alert states; false when there was none.</summary>
    [Alias("Remove")]
    Task<bool> RemoveAsync(string name);

    /// <summary>Every monitor, by name.</summary>
    [Alias("List")]
    Task<ImmutableArray<MonitorDefinition>> ListAsync();

    /// <summary>
    /// Marks the monitors that read <paramref name="inputs"/> due; they are evaluated within
    /// <c>MinEvaluationInterval</c>, at most once per interval however many batches mark them.
    /// </summary>
    // Always interleaved: it only marks monitors in memory and arms a timer, so an evaluation under way never delays ingest's notice.
    [Alias("InputsChanged")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task InputsChangedAsync(MonitorInputs inputs);

    /// <summary>Evaluates every monitor now and returns the alerts raised (state changes only).</summary>
    [Alias("Evaluate")]
    Task<ImmutableArray<Alert>> EvaluateAsync();
}
