using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.Alerts;
using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Models;
using OrleansEval.Monitors;
using OrleansEval.Performance;

namespace OrleansEval.Grains.Monitors;

/// <summary>
/// A model's monitors. They are evaluated when ingest changed what they read (see <c>MonitorGrain.Due.cs</c>), every
/// <see cref="OrleansEvalOptions.MonitorInterval"/> on a reminder (the safety net), and on demand
/// (<see cref="EvaluateAsync"/>), by asking the query worker — the code the HTTP API uses — for the rolling window
/// ending now; each target's state machine turns crossings into alerts for the alert log.
/// </summary>
internal sealed partial class MonitorGrain(
    [PersistentState("monitors", StorageNames.State)] IPersistentState<MonitorState> state,
    IGrainFactory grains,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time,
    TimeProvider wallClock,
    MonitorEvaluations evaluations,
    ILogger<MonitorGrain> logger) : Grain, IMonitorGrain, IRemindable
{
    private const string ReminderName = "evaluate";

    private const string VolumeTarget = "records";

    private string ModelId => this.GetPrimaryKeyString();

    public async Task<ModelChangeError?> DefineAsync(MonitorDefinition monitor)
    {
        var model = grains.GetGrain<IModelGrain>(ModelId);
        var snapshot = await model.GetAsync();
        if (snapshot is null)
        {
            return new ModelChangeError("modelId", $"model '{ModelId}' is not registered", IsConflict: false);
        }

        var baseline = monitor.Baseline is null ? null : await model.GetBaselineAsync(monitor.Baseline);
        var error = MonitorRules.Validate(monitor, snapshot, baseline);
        if (error is not null)
        {
            return error;
        }

        Forget(monitor.Name);
        state.State.Monitors[monitor.Name] = monitor;
        await state.WriteStateAsync();
        InputsRedefined();
        await this.RegisterOrUpdateReminder(ReminderName, options.Value.MonitorInterval, options.Value.MonitorInterval);
        return null;
    }

    public async Task<bool> RemoveAsync(string name)
    {
        if (!state.State.Monitors.Remove(name))
        {
            return false;
        }

        Forget(name);
        await state.WriteStateAsync();
        InputsRedefined();
        if (state.State.Monitors.Count == 0 && await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        return true;
    }

    public Task<ImmutableArray<MonitorDefinition>> ListAsync() =>
        Task.FromResult<ImmutableArray<MonitorDefinition>>([.. state.State.Monitors.Values.OrderBy(m => m.Name, StringComparer.Ordinal)]);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await EvaluateMonitorsAsync(state.State.Monitors.Values, ReminderTrigger);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEvaluationFailed(logger, e, ModelId);
        }
    }

    public Task<ImmutableArray<Alert>> EvaluateAsync() => EvaluateMonitorsAsync(state.State.Monitors.Values, DemandTrigger);

    // Each monitor on its own: one that fails is logged with its reason and the others are evaluated all the same.
    private async Task<ImmutableArray<Alert>> EvaluateMonitorsAsync(IEnumerable<MonitorDefinition> monitors, string trigger)
    {
        var now = time.GetUtcNow();
        var alerts = ImmutableArray.CreateBuilder<Alert>();
        var slicesChanged = false;
        foreach (var monitor in monitors.OrderBy(m => m.Name, StringComparer.Ordinal).ToList())
        {
            evaluations.Count(ModelId, monitor.Name, trigger);
            try
            {
                slicesChanged |= monitor.Kind == MonitorKind.WorstSlices
                    ? await EvaluateWorstSlicesAsync(monitor, now, alerts)
                    : await EvaluateTargetsAsync(monitor, now, alerts);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogMonitorFailed(logger, e, ModelId, monitor.Name, e.Message);
            }
        }

        if (alerts.Count == 0)
        {
            if (slicesChanged)
            {
                await state.WriteStateAsync();
            }

            return [];
        }

        await state.WriteStateAsync();
        return await grains.GetGrain<IAlertLogGrain>(0).AppendAsync(alerts.ToImmutable());
    }

    // Every target of a threshold monitor through its state machine; a change becomes an alert. False: no slice set changed.
    private async Task<bool> EvaluateTargetsAsync(MonitorDefinition monitor, DateTimeOffset now, ImmutableArray<Alert>.Builder alerts)
    {
        foreach (var observation in await ObserveAsync(monitor, now - monitor.Window, now))
        {
            // A volume monitor's count is its value: too few records is its verdict, not a reason to say nothing.
            if (observation.Value is not { } value || (monitor.Kind != MonitorKind.Volume && observation.Count < monitor.MinCount))
            {
                continue;
            }

            var threshold = await ThresholdAsync(monitor, observation.Target);
            if (threshold is null)
            {
                continue;
            }

            var key = Key(monitor.Name, observation.Target);
            var target = state.State.Targets.GetValueOrDefault(key) ?? new TargetState { State = AlertState.Ok };
            var higherIsWorse = MonitorMeasures.HigherIsWorse(monitor.Kind, monitor.Measure);
            var next = AlertTransitions.Next(target.State, value, threshold.Value, higherIsWorse, monitor.Hysteresis, monitor.Cooldown, target.ChangedAt, now);
            if (next is null)
            {
                continue;
            }

            state.State.Targets[key] = new TargetState { State = next.Value, ChangedAt = now };
            var (causes, causeNote) = next == AlertState.Firing && monitor.Kind is MonitorKind.Performance or MonitorKind.EstimatedPerformance
                ? await CausesAsync(monitor, observation.From, observation.To)
                : ([], null);
            alerts.Add(new Alert
            {
                ModelId = ModelId,
                Monitor = monitor.Name,
                Kind = monitor.Kind.ToString(),
                Target = observation.Target,
                State = next.Value,
                Measure = monitor.Measure,
                Value = value,
                Threshold = threshold.Value,
                Direction = higherIsWorse ? "above" : "below",
                WindowFrom = observation.From,
                WindowTo = observation.To,
                Count = observation.Count,
                At = now,
                Bins = observation.Bins,
                Baseline = monitor.Baseline,
                Causes = causes,
                CauseNote = causeNote,
            });
        }

        return false;
    }

    private async Task<IReadOnlyList<Observation>> ObserveAsync(MonitorDefinition monitor, DateTimeOffset from, DateTimeOffset to)
    {
        var queries = grains.GetGrain<IQueryWorker>(0);
        if (monitor.Kind == MonitorKind.Volume)
        {
            return await ObserveVolumeAsync(queries, monitor, from, to);
        }

        if (monitor.Kind is MonitorKind.Drift or MonitorKind.DataQuality)
        {
            var answer = await queries.GetDriftAsync(ModelId, new DriftQuery(monitor.Baseline!, monitor.Version, monitor.Environment, from, to));
            if (answer.Report is not { } report)
            {
                return [];
            }

            var columns = monitor.Target switch
            {
                "*" => report.Features,
                "prediction" => report.Prediction,
                _ => report.Features.Where(f => f.Name == monitor.Target).ToImmutableArray(),
            };
            return [.. columns.Select(c => new Observation(
                monitor.Target == "prediction" ? $"prediction.{c.Name[(c.Name.LastIndexOf('.') + 1)..]}" : c.Name,
                MonitorMeasures.Read(c, monitor.Measure),
                monitor.Kind == MonitorKind.DataQuality ? c.Count + c.Missing + c.TypeErrors : c.Count,
                report.Window.From,
                report.Window.To,
                monitor.Kind == MonitorKind.Drift ? MovedBins(c) : []))];
        }

        var performance = await queries.GetPerformanceAsync(ModelId, new PerformanceQuery(monitor.Version, monitor.Environment, from, to, monitor.Slice, null, false));
        if (performance.Report is not { } result)
        {
            return [];
        }

        var estimated = monitor.Kind == MonitorKind.EstimatedPerformance;
        return [new Observation(
            monitor.Slice,
            MonitorMeasures.Read(result.Total, monitor.Measure, estimated),
            estimated ? result.Total.Predictions : result.Total.Labelled,
            result.Total.From,
            result.Total.To,
            [])];
    }

    // The series' records in the window, counted by the whole-model slice; a series no record has reached holds none.
    private async Task<IReadOnlyList<Observation>> ObserveVolumeAsync(IQueryWorker queries, MonitorDefinition monitor, DateTimeOffset from, DateTimeOffset to)
    {
        var answer = await queries.GetPerformanceAsync(ModelId, new PerformanceQuery(monitor.Version, monitor.Environment, from, to, "all", null, false));
        if (answer.Report is not { } report)
        {
            return answer.ErrorField == "slice" ? [new Observation(VolumeTarget, 0, 0, from, to, [])] : [];
        }

        return [new Observation(VolumeTarget, report.Total.Predictions, report.Total.Predictions, report.Total.From, report.Total.To, [])];
    }

    private async Task<double?> ThresholdAsync(MonitorDefinition monitor, string target)
    {
        if (monitor.Threshold is { } fixedThreshold)
        {
            return fixedThreshold;
        }

        var key = Key(monitor.Name, target);
        if (state.State.AutoThresholds.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var baseline = await grains.GetGrain<IModelGrain>(ModelId).GetBaselineAsync(monitor.Baseline!);
        if (baseline is null)
        {
            return null;
        }

        double? threshold;
        if (monitor.DropFromBaseline is { } drop)
        {
            var reference = await ObserveBaselineAsync(monitor, baseline, baseline.Spec.From ?? DateTimeOffset.UnixEpoch, baseline.Spec.To ?? new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero));
            threshold = reference.FirstOrDefault(o => o.Target == target)?.Value is { } value
                ? MonitorMeasures.HigherIsWorse(monitor.Kind, monitor.Measure) ? value + drop : value - drop
                : null;
        }
        else
        {
            threshold = await AutoThresholdAsync(monitor, baseline, target);
        }

        if (threshold is { } computed)
        {
            state.State.AutoThresholds[key] = computed;
        }

        return threshold;
    }

    // NannyML's rule: the measure over the baseline's own sub-windows (each as long as the monitor's window), mean ± k·σ.
    private async Task<double?> AutoThresholdAsync(MonitorDefinition monitor, Baseline baseline, string target)
    {
        var values = new List<double>();
        var end = baseline.Spec.To!.Value;
        for (var from = baseline.Spec.From!.Value; from < end && values.Count < 500; from += monitor.Window)
        {
            var to = from + monitor.Window < end ? from + monitor.Window : end;
            foreach (var observation in await ObserveBaselineAsync(monitor, baseline, from, to))
            {
                if (observation.Target == target && observation.Value is { } value && observation.Count >= monitor.MinCount)
                {
                    values.Add(value);
                }
            }
        }

        if (values.Count < 2)
        {
            return null;
        }

        var mean = values.Average();
        var deviation = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        var k = monitor.AutoThresholdK!.Value;
        return MonitorMeasures.HigherIsWorse(monitor.Kind, monitor.Measure) ? mean + (k * deviation) : mean - (k * deviation);
    }

    private Task<IReadOnlyList<Observation>> ObserveBaselineAsync(MonitorDefinition monitor, Baseline baseline, DateTimeOffset from, DateTimeOffset to) =>
        ObserveAsync(monitor with { Version = baseline.Spec.Version, Environment = baseline.Spec.Environment }, from, to);

    private static ImmutableArray<AlertBin> MovedBins(ColumnDrift column) =>
        [.. column.Bins
            .OrderByDescending(b => Math.Abs(b.Current - b.Baseline))
            .Take(3)
            .Select(b => new AlertBin(b.Category ?? OrleansEval.Slices.SliceCondition.Interval(b.Lower ?? double.NegativeInfinity, b.Upper ?? double.PositiveInfinity), b.Baseline, b.Current))];

    private void Forget(string monitor)
    {
        var prefix = Key(monitor, string.Empty);
        foreach (var key in state.State.Targets.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            state.State.Targets.Remove(key);
        }

        foreach (var key in state.State.AutoThresholds.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            state.State.AutoThresholds.Remove(key);
        }

        state.State.WorstSlices.Remove(monitor);
    }

    private static string Key(string monitor, string target) => $"{monitor}\u001f{target}";

    private sealed record Observation(string Target, double? Value, long Count, DateTimeOffset From, DateTimeOffset To, ImmutableArray<AlertBin> Bins);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Monitor {Monitor} of model {ModelId} could not be evaluated: {Reason}")]
    private static partial void LogMonitorFailed(ILogger logger, Exception exception, string modelId, string monitor, string reason);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Evaluating the monitors of model {ModelId} failed; the next tick tries again")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string modelId);
}
