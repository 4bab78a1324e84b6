using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OrleansEval.Actuals;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// One shard of a model's label join. It remembers every prediction for the join window — with the actual already
/// counted for it, if any — so a late actual can be counted, and a replaced one taken back, exactly once. Actuals that
/// come before their prediction wait here for it. Predictions are kept in segments (<see cref="JoinSegments"/>); the
/// shard's own record and the segments that changed are written on a timer and on deactivation.
/// </summary>
internal sealed partial class LabelJoinGrain(
    [PersistentState("join", StorageNames.State)] IPersistentState<JoinState> state,
    [FromKeyedServices(StorageNames.State)] IGrainStorage storage,
    IGrainFactory grains,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time,
    StateWrites writes,
    ILogger<LabelJoinGrain> logger) : Grain, ILabelJoinGrain
{
    private readonly GrainWrites _persistence = writes.For("join", logger);
    private RecentBatches _recentBatches = null!;
    private JoinSegments _segments = null!;
    private bool _dirty;

    private string ModelId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];

    private int Count => _segments.Count + state.State.Held.Count;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _recentBatches = new RecentBatches(state.State.RecentBatches, settings.RememberedBatches);
        _segments = new JoinSegments(storage, this.GetGrainId(), state.State, settings.JoinSegmentRows, settings.JoinWindow / 14, _persistence);
        await _segments.LoadAsync();
        this.RegisterGrainTimer(FlushAsync, settings.PersistInterval, settings.PersistInterval);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await FlushAsync(cancellationToken);

    // Reads two counts; safe to interleave with a call that is awaiting its slice grains.
    public Task<long> FreeCapacityAsync() => Task.FromResult((long)options.Value.JoinCapacityPerShard - Count);

    public async Task<int> RegisterAsync(string batchId, ModelTask task, string positiveLabel, PendingPredictions predictions)
    {
        _persistence.ThrowIfUnpersisted(this.GetPrimaryKeyString());
        if (!_recentBatches.TryAdd(batchId))
        {
            return 0;
        }

        state.State.Task = task;
        state.State.PositiveLabel = positiveLabel;
        var now = time.GetUtcNow();
        _dirty |= _segments.Expire(now, options.Value.JoinWindow);
        // Rows this batch adds: a new prediction's (one that had an actual waiting trades it for its row), and a kept
        // prediction's sent again with an actual.
        var fresh = 0;
        for (var i = 0; i < predictions.Count; i++)
        {
            var id = predictions.PredictionId(i);
            fresh += _segments.TryFind(id, out _, out _) ? (predictions.Actual(i) is null ? 0 : 1) : state.State.Held.ContainsKey(id) ? 0 : 1;
        }

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
        for (var i = 0; i < predictions.Count; i++)
        {
            var id = predictions.PredictionId(i);
            var carried = predictions.Actual(i);
            if (_segments.TryFind(id, out var kept, out var row))
            {
                // The record came again. With an actual, it replaces what was counted (under the old prediction's
                // bucket and slices) by itself; without one, the earlier registration stands.
                if (carried is not null)
                {
                    if (kept.Actual(row) is { } counted)
                    {
                        emitted.Add(kept, row, counted, -1);
                    }

                    emitted.Add(predictions, i, carried, 1);
                    _segments.Append(predictions, i, carried, now);
                }

                continue;
            }

            // An actual the record carries is the later one, so it wins over one that was waiting.
            state.State.Held.Remove(id, out var held);
            var actual = carried ?? held?.Actual;
            if (actual is not null)
            {
                emitted.Add(predictions, i, actual, 1);
            }

            _segments.Append(predictions, i, actual, now);
        }

        _dirty = true;
        await EmitAsync(emitted, $"{batchId}/{this.GetPrimaryKeyString()}");
        return 0;
    }

    public async Task<ImmutableArray<JoinOutcome>> ApplyActualsAsync(string batchId, ImmutableArray<LateActual> actuals)
    {
        _persistence.ThrowIfUnpersisted(this.GetPrimaryKeyString());
        if (!_recentBatches.TryAdd(batchId))
        {
            return [.. actuals.Select(_ => JoinOutcome.Unchanged)];
        }

        var now = time.GetUtcNow();
        _dirty |= _segments.Expire(now, options.Value.JoinWindow);
        var outcomes = ImmutableArray.CreateBuilder<JoinOutcome>(actuals.Length);
        var emitted = new OutcomeEmitter();
        foreach (var late in actuals)
        {
            if (_segments.TryFind(late.PredictionId, out var kept, out var row))
            {
                var counted = kept.Actual(row);
                if (Equals(counted, late.Actual))
                {
                    outcomes.Add(JoinOutcome.Unchanged);
                    continue;
                }

                if (counted is not null)
                {
                    emitted.Add(kept, row, counted, -1);
                }

                emitted.Add(kept, row, late.Actual, 1);
                _segments.SetActual(late.PredictionId, late.Actual);
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
        var expiredHeld = state.State.Held.Where(h => h.Value.ExpiresAt <= now).Select(h => h.Key).ToList();
        foreach (var id in expiredHeld)
        {
            state.State.Held.Remove(id);
        }

        var expiredSegments = _segments.Expire(now, options.Value.JoinWindow);
        _dirty |= expiredSegments || expiredHeld.Count > 0;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        Expire(time.GetUtcNow());
        if (!_dirty)
        {
            return;
        }

        // The shard's record lists the segments and remembers the batches, so it is written only after every
        // segment it refers to: a batch is never remembered as applied while its predictions are unwritten.
        if (await _persistence.TryWriteAsync(state, this.GetPrimaryKeyString(), cancellationToken, before: _segments.PersistAsync))
        {
            _dirty = false;
        }
    }
}
