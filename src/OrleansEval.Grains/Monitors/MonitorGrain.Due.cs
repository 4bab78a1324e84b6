using OrleansEval.Monitors;

namespace OrleansEval.Grains.Monitors;

/// <summary>
/// Evaluation on ingest: a report of what batches changed marks the monitors that read it due (a lookup in the
/// <see cref="MonitorInputIndex"/>); one timer evaluates the due ones at most once per
/// <see cref="Hosting.OrleansEvalOptions.MinEvaluationInterval"/>, so a stream of batches costs one evaluation of each
/// monitor per interval and a monitor whose inputs did not change costs nothing. The due set holds names, so however
/// many reports arrive it never grows past the number of monitors. Volume monitors are also marked due every
/// <see cref="Hosting.OrleansEvalOptions.VolumeCheckInterval"/>: their window rolls forward when no record comes.
/// </summary>
internal sealed partial class MonitorGrain
{
    private const string DueTrigger = "due";
    private const string ReminderTrigger = "reminder";
    private const string DemandTrigger = "demand";

    private readonly HashSet<string> _due = new(StringComparer.Ordinal);
    private MonitorInputIndex? _index;
    private IGrainTimer? _dueTimer;
    private IGrainTimer? _volumeTimer;
    private DateTimeOffset _lastDueEvaluation = DateTimeOffset.MinValue;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ArmVolumeCheck();
        return base.OnActivateAsync(cancellationToken);
    }

    public Task InputsChangedAsync(MonitorInputs inputs)
    {
        _index ??= MonitorInputIndex.Of(state.State.Monitors.Values);
        _due.UnionWith(_index.Readers(inputs));
        ArmDueEvaluation();
        return Task.CompletedTask;
    }

    // A monitor defined or removed changes who reads what.
    private void InputsRedefined()
    {
        _index = null;
        ArmVolumeCheck();
    }

    // One timer at a time, due an interval after the last evaluation of due monitors (at once when that is past).
    private void ArmDueEvaluation()
    {
        if (_due.Count == 0 || _dueTimer is not null)
        {
            return;
        }

        var wait = _lastDueEvaluation + options.Value.MinEvaluationInterval - wallClock.GetUtcNow();
        _dueTimer = this.RegisterGrainTimer(EvaluateDueAsync, new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan)
        {
            KeepAlive = true,
        });
    }

    private async Task EvaluateDueAsync(CancellationToken cancellation)
    {
        _dueTimer?.Dispose();
        _dueTimer = null;
        _lastDueEvaluation = wallClock.GetUtcNow();
        var due = state.State.Monitors.Values.Where(m => _due.Contains(m.Name)).ToList();
        _due.Clear();
        try
        {
            await EvaluateMonitorsAsync(due, DueTrigger);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEvaluationFailed(logger, e, ModelId);
        }

        // Reports that came in during the evaluation wait for the next interval.
        ArmDueEvaluation();
    }

    private void ArmVolumeCheck()
    {
        var watchesVolume = state.State.Monitors.Values.Any(m => m.Kind == MonitorKind.Volume);
        if (watchesVolume && _volumeTimer is null)
        {
            var interval = options.Value.VolumeCheckInterval;
            _volumeTimer = this.RegisterGrainTimer(MarkVolumeDue, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
        }
        else if (!watchesVolume && _volumeTimer is not null)
        {
            _volumeTimer.Dispose();
            _volumeTimer = null;
        }
    }

    private Task MarkVolumeDue(CancellationToken cancellation)
    {
        _due.UnionWith(state.State.Monitors.Values.Where(m => m.Kind == MonitorKind.Volume).Select(m => m.Name));
        ArmDueEvaluation();
        return Task.CompletedTask;
    }
}
