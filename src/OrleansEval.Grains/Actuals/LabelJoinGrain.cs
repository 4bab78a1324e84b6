using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.Actuals;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// One shard of a model's label join. It remembers every prediction for the join window — with the actual already
/// counted for it, if any — so a late actual can be counted, and a replaced one taken back, exactly once. Actuals that
/// come before their prediction wait here for it. State is written on a timer and on deactivation.
/// </summary>
internal sealed partial class LabelJoinGrain(
    [PersistentState("join", StorageNames.State)] IPersistentState<JoinState> state,
    IGrainFactory grains,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time,
    ILogger<LabelJoinGrain> logger) : Grain, ILabelJoinGrain
{
    private RecentBatches _recentBatches = null!;
    private bool _dirty;

    private string ModelId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];

    private int Count => state.State.Predictions.Count + state.State.Held.Count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _recentBatches = new RecentBatches(state.State.RecentBatches, options.Value.RememberedBatches);
        var interval = options.Value.PersistInterval;
        this.RegisterGrainTimer(FlushAsync, interval, interval);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await FlushAsync(cancellationToken);

    // Reads two counts; safe to interleave with a call that is awaiting its slice grains.
    public Task<long> FreeCapacityAsync() => Task.FromResult((long)options.Value.JoinCapacityPerShard - Count);

    public async Task<int> RegisterAsync(string batchId, ModelTask task, string positiveLabel, ImmutableArray<PendingPrediction> predictions)
    {
        if (!_recentBatches.TryAdd(batchId))
        {
            return 0;
        }

        state.State.Task = task;
        state.State.PositiveLabel = positiveLabel;
        var now = time.GetUtcNow();
        var fresh = predictions.Count(p => !state.State.Predictions.ContainsKey(p.PredictionId) && !state.State.Held.ContainsKey(p.PredictionId));
        if (Count + fresh > options.Value.JoinCapacityPerShard)
        {
            Expire(now);
            if (Count + fresh > options.Value.JoinCapacityPerShard)
            {
                _recentBatches.Forget(batchId);
                return options.Value.JoinRetryAfterSeconds;
            }
        }

        var emitted = new OutcomeEmitter();
        var expiresAt = now + options.Value.JoinWindow;
        foreach (var prediction in predictions)
        {
            if (state.State.Predictions.TryGetValue(prediction.PredictionId, out var existing))
            {
                // The record came again. With an actual, it replaces what was counted (under the old prediction's
                // bucket and slices) by itself; without one, the earlier registration stands.
                if (prediction.Actual is not null)
                {
                    if (existing.Actual is not null)
                    {
                        emitted.Add(existing.Prediction, existing.Actual, -1);
                    }

                    emitted.Add(prediction, prediction.Actual, 1);
                    existing.Prediction = prediction;
                    existing.Actual = prediction.Actual;
                }

                continue;
            }

            // An actual the record carries is the later one, so it wins over one that was waiting.
            state.State.Held.Remove(prediction.PredictionId, out var held);
            var actual = prediction.Actual ?? held?.Actual;
            if (actual is not null)
            {
                emitted.Add(prediction, actual, 1);
            }

            state.State.Predictions[prediction.PredictionId] = new JoinEntry { Prediction = prediction, Actual = actual, ExpiresAt = expiresAt };
        }

        _dirty = true;
        await EmitAsync(emitted, $"{batchId}/{this.GetPrimaryKeyString()}");
        return 0;
    }

    public async Task<ImmutableArray<JoinOutcome>> ApplyActualsAsync(string batchId, ImmutableArray<LateActual> actuals)
    {
        if (!_recentBatches.TryAdd(batchId))
        {
            return [.. actuals.Select(_ => JoinOutcome.Unchanged)];
        }

        var now = time.GetUtcNow();
        var outcomes = ImmutableArray.CreateBuilder<JoinOutcome>(actuals.Length);
        var emitted = new OutcomeEmitter();
        foreach (var late in actuals)
        {
            if (state.State.Predictions.TryGetValue(late.PredictionId, out var entry))
            {
                if (Equals(entry.Actual, late.Actual))
                {
                    outcomes.Add(JoinOutcome.Unchanged);
                    continue;
                }

                if (entry.Actual is not null)
                {
                    emitted.Add(entry.Prediction, entry.Actual, -1);
                }

                emitted.Add(entry.Prediction, late.Actual, 1);
                entry.Actual = late.Actual;
                outcomes.Add(JoinOutcome.Matched);
                continue;
            }

            if (!state.State.Held.ContainsKey(late.PredictionId) && Count >= options.Value.JoinCapacityPerShard)
            {
                Expire(now);
            }

            if (state.State.Held.ContainsKey(late.PredictionId) || Count < options.Value.JoinCapacityPerShard)
            {
                state.State.Held[late.PredictionId] = new HeldActual { Actual = late.Actual, ExpiresAt = now + options.Value.JoinWindow };
                outcomes.Add(JoinOutcome.Held);
            }
            else
            {
                outcomes.Add(JoinOutcome.Full);
            }
        }

        // A batch with actuals that did not fit is not remembered, so sending it again with the same key is taken.
        if (outcomes.Contains(JoinOutcome.Full))
        {
            _recentBatches.Forget(batchId);
        }

        _dirty = true;
        await EmitAsync(emitted, $"{batchId}/{this.GetPrimaryKeyString()}");
        return outcomes.MoveToImmutable();
    }

    private async Task EmitAsync(OutcomeEmitter emitted, string batchId)
    {
        var calls = emitted.Deltas(batchId, state.State.Task, state.State.PositiveLabel)
            .Select(d => grains.GetGrain<ISliceGrain>(SliceGrainKey.For(ModelId, d.Series, d.Family)).ApplyAsync(d.Delta));
        await Task.WhenAll(calls);
    }

    private void Expire(DateTimeOffset now)
    {
        var expired = state.State.Predictions.Where(p => p.Value.ExpiresAt <= now).Select(p => p.Key).ToList();
        var expiredHeld = state.State.Held.Where(h => h.Value.ExpiresAt <= now).Select(h => h.Key).ToList();
        foreach (var id in expired)
        {
            state.State.Predictions.Remove(id);
        }

        foreach (var id in expiredHeld)
        {
            state.State.Held.Remove(id);
        }

        _dirty |= expired.Count > 0 || expiredHeld.Count > 0;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        Expire(time.GetUtcNow());
        if (!_dirty)
        {
            return;
        }

        if (await StateWrites.TryWriteAsync(state, logger, this.GetPrimaryKeyString(), cancellationToken))
        {
        _dirty = false;
        }
    }
}
