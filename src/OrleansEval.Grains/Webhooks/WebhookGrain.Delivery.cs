using Microsoft.Extensions.Logging;
using OrleansEval.Alerts;
using OrleansEval.GrainInterfaces;
using OrleansEval.Webhooks;

namespace OrleansEval.Grains.Webhooks;

/// <summary>
/// The delivery loop: read the log after the cursor, POST each matching alert in order, move the cursor (persisted)
/// past each delivered one. A failure waits with backoff and retries the same alert, so order is kept; after
/// RetryFor the alert is given up and recorded as a failure; a 410 disables the webhook. A cursor is written even when
/// the timer is being cancelled (the grain deactivating): a delivered alert that is not recorded is sent again.
/// </summary>
internal sealed partial class WebhookGrain
{
    private const int Page = 100;

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        if (state.State is not { Definition: { } definition, Enabled: true })
        {
            return;
        }

        state.State.NextAttemptAt = null;
        var alerts = await GrainFactory.GetGrain<IAlertLogGrain>(0).ListAsync(new AlertQuery(null, null, null, null, state.State.Cursor, Page));
        var skipped = false;
        foreach (var alert in alerts)
        {
            if (!definition.Matches(alert))
            {
                state.State.Cursor = alert.Sequence;
                skipped = true;
                continue;
            }

            if (!await TryDeliverAsync(definition, alert, cancellationToken))
            {
                return;
            }

            skipped = false;
        }

        if (skipped)
        {
            await state.WriteStateAsync(CancellationToken.None);
        }

        if (alerts.Length == Page)
        {
            Schedule(TimeSpan.Zero);
        }
    }

    // True when the cursor moved past the alert (delivered or given up); false when delivery stops for now.
    private async Task<bool> TryDeliverAsync(WebhookDefinition definition, Alert alert, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(definition, alert, cancellationToken);
        var attempt = new WebhookAttempt
        {
            Sequence = alert.Sequence,
            At = time.GetUtcNow(),
            Attempt = state.State.Attempts + 1,
            Status = outcome.Status,
            Error = outcome.Error,
            DurationMs = (long)outcome.Duration.TotalMilliseconds,
        };
        if (outcome.Succeeded)
        {
            Record(state.State.Deliveries, attempt);
            Advance(alert.Sequence);
            await state.WriteStateAsync(CancellationToken.None);
            return true;
        }

        Record(state.State.Failures, attempt);
        if (outcome.Gone)
        {
            state.State.Enabled = false;
            state.State.DisabledReason = $"the receiver answered 410 Gone to alert {alert.Sequence}";
            ResetRetry();
            await state.WriteStateAsync(CancellationToken.None);
            LogDisabled(logger, Name, alert.Sequence);
            return false;
        }

        return await RetryLaterOrGiveUpAsync(alert, attempt);
    }

    private async Task<bool> RetryLaterOrGiveUpAsync(Alert alert, WebhookAttempt attempt)
    {
        var now = attempt.At;
        state.State.Attempts = attempt.Attempt;
        state.State.FirstFailureAt ??= now;
        if (now - state.State.FirstFailureAt.Value >= options.Value.RetryFor)
        {
            state.State.Failures[0] = attempt with { Error = $"gave up after {attempt.Attempt} attempts over {options.Value.RetryFor}: {attempt.Error}" };
            LogGaveUp(logger, Name, alert.Sequence, attempt.Attempt);
            Advance(alert.Sequence);
            await state.WriteStateAsync();
            return true;
        }

        var wait = WebhookBackoff.Delay(attempt.Attempt, options.Value, Random.Shared.NextDouble());
        state.State.NextAttemptAt = now + wait;
        await state.WriteStateAsync();
        Schedule(wait);
        LogRetry(logger, Name, alert.Sequence, attempt.Attempt, wait);
        return false;
    }

    private void Advance(long sequence)
    {
        state.State.Cursor = sequence;
        ResetRetry();
    }

    private void ResetRetry()
    {
        state.State.Attempts = 0;
        state.State.FirstFailureAt = null;
        state.State.NextAttemptAt = null;
    }

    private void Record(List<WebhookAttempt> attempts, WebhookAttempt attempt)
    {
        attempts.Insert(0, attempt);
        if (attempts.Count > options.Value.History)
        {
            attempts.RemoveRange(options.Value.History, attempts.Count - options.Value.History);
        }
    }

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Webhook {Webhook}: alert {Sequence} failed (attempt {Attempt}); retrying in {Wait}")]
    private static partial void LogRetry(ILogger logger, string webhook, long sequence, int attempt, TimeSpan wait);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "Webhook {Webhook}: gave up alert {Sequence} after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, string webhook, long sequence, int attempts);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "Webhook {Webhook} disabled: its receiver answered 410 Gone to alert {Sequence}")]
    private static partial void LogDisabled(ILogger logger, string webhook, long sequence);
}
