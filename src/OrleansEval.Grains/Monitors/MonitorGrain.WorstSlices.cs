using System.Collections.Immutable;
using OrleansEval.Alerts;
using OrleansEval.GrainInterfaces;
using OrleansEval.Monitors;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.Monitors;

/// <summary>
/// Worst-slice monitors: each evaluation searches the rolling window's rows for the top K slices, keeps those within the
/// q-value bound, and raises a firing alert for each one that was not among the previous evaluation's.
/// </summary>
internal sealed partial class MonitorGrain
{
    /// <summary>Adds an alert per slice new to the watched set; true when the set kept in state changed.</summary>
    private async Task<bool> EvaluateWorstSlicesAsync(MonitorDefinition monitor, DateTimeOffset now, ImmutableArray<Alert>.Builder alerts)
    {
        var query = new WorstSliceQuery(
            monitor.Version,
            monitor.Environment,
            now - monitor.Window,
            now,
            monitor.Baseline,
            monitor.Measure,
            MinSize: null,
            WorstSliceRules.DefaultMaxConditions,
            WorstSliceRules.DefaultAlpha,
            monitor.TopK);
        var answer = await grains.GetGrain<ISliceSearchWorker>(0).SearchAsync(ModelId, query);
        if (answer.Report is not { } report || report.Rows < monitor.MinCount)
        {
            return false;
        }

        var watched = report.Slices.Where(slice => slice.QValue <= monitor.MaxQValue).ToList();
        var previous = state.State.WorstSlices.GetValueOrDefault(monitor.Name);
        foreach (var slice in watched.Where(slice => previous?.Contains(slice.Name) != true))
        {
            alerts.Add(new Alert
            {
                ModelId = ModelId,
                Monitor = monitor.Name,
                Kind = monitor.Kind.ToString(),
                Target = slice.Name,
                State = AlertState.Firing,
                Measure = monitor.Measure,
                Value = slice.Error,
                Threshold = monitor.MaxQValue,
                Direction = "below",
                WindowFrom = report.From,
                WindowTo = report.To,
                Count = slice.Size,
                At = now,
                Baseline = report.Baseline,
                Examples = ExamplesLink.For(ModelId, slice.Conditions, report.From, report.To, monitor.Version, monitor.Environment),
                QValue = slice.QValue,
            });
        }

        var current = watched.Select(slice => slice.Name).ToHashSet(StringComparer.Ordinal);
        if (previous is not null && previous.SetEquals(current))
        {
            return false;
        }

        state.State.WorstSlices[monitor.Name] = current;
        return true;
    }
}
