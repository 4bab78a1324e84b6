using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansEval.Alerts;
using OrleansEval.GrainInterfaces;
using OrleansEval.Monitors;
using OrleansEval.RootCause;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Monitors;

/// <summary>The causes a firing performance alert carries: the root cause of the metric over the alert's window.</summary>
internal sealed partial class MonitorGrain
{
    private const int CauseCount = 3;

    // A firing alert waits this long for its causes (read from rows, so they grow with the window): the monitor's
    // evaluation is not held past it, and the alert fires without them, saying so.
    private static readonly TimeSpan CauseDeadline = TimeSpan.FromSeconds(10);

    // The top three features by contribution, or why there are none; a failure here never keeps the alert from firing.
    private async Task<(ImmutableArray<AlertCause> Causes, string? Note)> CausesAsync(MonitorDefinition monitor, DateTimeOffset from, DateTimeOffset to)
    {
        var explained = RootCauseMetrics.All.Contains(monitor.Measure);
        RootCauseAnswer answer;
        try
        {
            var query = new RootCauseQuery
            {
                Baseline = monitor.Baseline,
                Version = monitor.Version,
                Environment = monitor.Environment,
                From = from,
                To = to,
                Metric = explained ? monitor.Measure : null,
                Slice = monitor.Slice == "all" ? null : monitor.Slice,
                Conditions = await SliceConditionsAsync(monitor.Slice),
            };
            using var deadline = new CancellationTokenSource(CauseDeadline);
            answer = await grains.GetGrain<IRootCauseWorker>(0).RootCauseAsync(ModelId, query, deadline.Token);
        }
        catch (OperationCanceledException e)
        {
            LogCauseFailed(logger, e, ModelId, monitor.Name);
            return ([], $"the root cause took longer than {CauseDeadline.TotalSeconds:0} s; ask GET …/root-cause for it");
        }
        catch (Exception e)
        {
            LogCauseFailed(logger, e, ModelId, monitor.Name);
            return ([], "the root cause could not be computed (the silo's log says why)");
        }

        if (answer.Report is not { } report)
        {
            return ([], $"the root cause could not be computed: {answer.ErrorField} {answer.Error}");
        }

        var causes = report.Features.Take(CauseCount).Select(f => new AlertCause
        {
            Feature = f.Name,
            Mix = f.Mix,
            Within = f.Within,
            DriftImpact = f.DriftImpact,
            DriftMeasure = f.Drift?.Measure,
            DriftValue = f.Drift?.Value,
            Drifted = f.Drift?.Drifted ?? false,
        }).ToImmutableArray();
        var note = causes.IsEmpty ? "the model has no feature to explain the change by"
            : !explained ? $"contributions to {report.Metric}: {monitor.Measure} is not a mean of a per-row loss, so it does not split into features"
            : report.Change is null ? "no labelled rows in the window on one side: the causes carry driftImpact alone"
            : null;
        return (causes, note);
    }

    // The conditions of the monitor's slice: none for "all", a named slice's, or the one of an elementary slice.
    private async Task<ImmutableArray<SliceCondition>> SliceConditionsAsync(string slice)
    {
        if (slice == "all")
        {
            return [];
        }

        var snapshot = await grains.GetGrain<IModelGrain>(ModelId).GetAsync();
        if (snapshot?.Slices.FirstOrDefault(s => s.Name == slice) is { } named)
        {
            return named.Conditions;
        }

        return SliceConditionParser.TryParse(slice, out var condition, out var error)
            ? [condition!]
            : throw new InvalidOperationException($"the monitor's slice {slice} cannot be read: {error}");
    }

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "The root cause of model {ModelId}'s monitor {Monitor} could not be computed; its alert fires without causes")]
    private static partial void LogCauseFailed(ILogger logger, Exception exception, string modelId, string monitor);
}
