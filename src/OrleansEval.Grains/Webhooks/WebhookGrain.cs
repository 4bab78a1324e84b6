using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Webhooks;

namespace OrleansEval.Grains.Webhooks;

/// <summary>
/// One webhook: its definition and durable cursor into the alert log. Delivery runs on a grain timer, one alert at a
/// time in sequence order (see WebhookGrain.Delivery.cs); notices from the alert log start it promptly, a reminder
/// restarts it after a silo is lost.
/// </summary>
internal sealed partial class WebhookGrain(
    [PersistentState("webhook", StorageNames.State)] IPersistentState<WebhookState> state,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookGrain> logger) : Grain, IWebhookGrain, IRemindable
{
    private const string ReminderName = "deliver";

    private IGrainTimer? _timer;

    private string Name => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State is { Definition: not null, Enabled: true })
        {
            ScheduleRetryOrNow();
        }

        return Task.CompletedTask;
    }

    public async Task<WebhookStatus> PutAsync(WebhookDefinition definition)
    {
        // Registered first: a name without a definition is skipped by listings; a definition nobody lists would be lost.
        await GrainFactory.GetGrain<IWebhookRegistryGrain>(0).AddAsync(Name);
        if (state.State.Definition is null)
        {
            state.State = new WebhookState { Cursor = await GrainFactory.GetGrain<IAlertLogGrain>(0).GetLastSequenceAsync() };
        }

        state.State.Definition = definition;
        state.State.Enabled = true;
        state.State.DisabledReason = null;
        ResetRetry();
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ReminderName, options.Value.ReminderPeriod, options.Value.ReminderPeriod);
        Schedule(TimeSpan.Zero);
        return Status();
    }

    public Task<WebhookStatus?> GetAsync() => Task.FromResult(state.State.Definition is null ? null : Status());

    public async Task<bool> DeleteAsync()
    {
        if (state.State.Definition is null)
        {
            return false;
        }

        _timer?.Dispose();
        _timer = null;
        await state.ClearStateAsync();
        state.State = new WebhookState();
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await GrainFactory.GetGrain<IWebhookRegistryGrain>(0).RemoveAsync(Name);
        return true;
    }

    public Task NotifyAsync(long sequence)
    {
        // A waiting retry keeps its time: the alert after the cursor comes first, and newer alerts wait behind it.
        if (state.State is { Definition: not null, Enabled: true, NextAttemptAt: null })
        {
            Schedule(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Definition is null)
        {
            if (await this.GetReminder(reminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        if (state.State.Enabled)
        {
            ScheduleRetryOrNow();
        }
    }

    private WebhookStatus Status() => new()
    {
        Name = Name,
        Definition = state.State.Definition! with { Secret = null, RoutingKey = null },
        HasSecret = state.State.Definition.Secret is not null,
        Enabled = state.State.Enabled,
        DisabledReason = state.State.DisabledReason,
        Cursor = state.State.Cursor,
        NextAttemptAt = state.State.NextAttemptAt,
        Deliveries = [.. state.State.Deliveries],
        Failures = [.. state.State.Failures],
    };

    private void ScheduleRetryOrNow()
    {
        var wait = state.State.NextAttemptAt is { } next ? next - time.GetUtcNow() : TimeSpan.Zero;
        Schedule(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }

    private void Schedule(TimeSpan due)
    {
        if (_timer is null)
        {
            // Not interleaved: deliveries and redefinitions take turns, so an alert is never sent twice at once.
            _timer = this.RegisterGrainTimer(DeliverAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }
}
