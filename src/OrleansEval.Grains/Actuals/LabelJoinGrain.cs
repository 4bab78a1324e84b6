using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// One shard of a model's label join. It remembers every prediction for the join window — with the actual already
/// counted for it, if any — so a late actual can be counted, and a replaced one taken back, exactly once. Actuals that
/// come before their prediction wait here for it. Predictions are kept in segments in storage, with their rows in
/// memory only for the newest and a few recently used ones (<see cref="JoinSegments"/>); a call reads the segments it
/// needs before it changes anything. The shard's own record and the segments that changed are written on a timer, on
/// deactivation, and when the ingest log asks for a checkpoint of batches the record does not hold; changed sealed
/// segments that fill the cache are written without the record. The outcomes sent to slice families that have not yet
/// stored them (its outbox) are stored before any segment, each once, in chunks of their own, and activation sends them
/// again, so the shard need not have the families write first; only the log's checkpoint of a batch a family has not
/// stored, or an outbox past <see cref="OrleansEvalOptions.JoinOutboxRows"/>, has them write.
/// </summary>
internal sealed partial class LabelJoinGrain(
    [PersistentState("join", StorageNames.State)] IPersistentState<JoinState> state,
    [PersistentState("join-outbox", StorageNames.State)] IPersistentState<JoinOutboxRecord> outboxRecord,
    [FromKeyedServices(StorageNames.State)] IGrainStorage storage,
    IGrainFactory grains,
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time,
    StateWrites writes,
    JoinMetrics metrics,
    ILogger<LabelJoinGrain> logger) : Grain, ILabelJoinGrain
{
    // The outcome deltas sent to each slice grain that it has not said it stored, the same outcomes the outbox
    // keeps per entry: asked about at every tick, sent again to a slice whose activation lost them.
    private readonly Dictionary<string, List<SliceDelta>> _outbox = new(StringComparer.Ordinal);
    private readonly GrainWrites _persistence = writes.For("join", logger);
    private AppliedEntries _applied = null!;
    private JoinSegments _segments = null!;
    private bool _dirty;

    private string ModelId => LabelJoinKey.Parse(this.GetPrimaryKeyString()).ModelId;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _applied = new AppliedEntries(state.State.Applied);
        _segments = new JoinSegments(storage, this.GetGrainId(), state.State, settings.JoinSegmentRows, settings.JoinCachedSegments, settings.JoinWindow / 14, _persistence);
        try
        {
            await _segments.LoadAsync();
            await LoadOutboxAsync();
            metrics.Report(this.GetGrainId(), state.State.Held.Count, _segments.IndexBytes);
            this.RegisterGrainTimer(TickAsync, settings.PersistInterval, settings.PersistInterval);
            await ResendOutboxAsync();
            await RedoOutboxAsync();
            await TrySettleAdoptionsAsync();
        }
        catch
        {
            // A failed activation is not deactivated: its index's memory goes back now, not when a finalizer runs.
            _segments.ReleaseIndex();
            throw;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        finally
        {
            metrics.Remove(this.GetGrainId());
            _segments.ReleaseIndex();
        }
    }

    // Reads one count; safe to interleave with a call that is awaiting its slice grains.
    public Task<long> FreeCapacityAsync() => Task.FromResult((long)options.Value.JoinCapacityPerShard - state.State.Held.Count);

    public Task<JoinFootprint> GetFootprintAsync() => Task.FromResult(_segments.Footprint(state.State.Held.Count));

    public async Task RegisterAsync(LogPosition position, ModelTask task, string positiveLabel, PackedPredictions packed)
    {
        // Read only: inside one silo the packed rows are the sender's own (the type is immutable to Orleans), and during a
        // replay the sender is the ingest log's kept plan.
        var predictions = packed.Rows;
        _persistence.ThrowIfUnpersisted(this.GetPrimaryKeyString());
        if (_applied.Holds(position))
        {
            return;
        }

        // A batch replayed after a crash, whose outcomes came back in the outbox: activation set its rows again from them
        // (RedoOutboxAsync), in the order the shard first applied it; the replay only appends the rows that counted nothing.
        var redone = OutboxHolds([position]);

        // A backfill's outcomes go to their slices before anything this call may take back from them.
        await SettleAdoptionsAsync();
        state.State.Task = task;
        state.State.PositiveLabel = positiveLabel;
        var now = time.GetUtcNow();
        _dirty |= _segments.Expire(now, options.Value.JoinWindow);
        await _segments.ReadForAsync(Enumerable.Range(0, predictions.Count).Select(predictions.PredictionId));

        // A logged batch is never refused: predictions take no room (they are kept in storage), and a prediction only
        // ever releases an actual held for it.
        var emitted = new OutcomeEmitter();

        // One list for every lookup of the batch: a record costs no allocation of its own here.
        var rows = new List<JoinRow>(2);
        for (var i = 0; i < predictions.Count; i++)
        {
            var id = predictions.PredictionId(i);
            var carried = predictions.Actual(i);
            _segments.FindAll(id, rows);
            var own = rows.Count == 0 ? -1 : JoinSegments.IndexOfSeries(rows, predictions.Series(i));
            if (own >= 0)
            {
                // An id with a row is never held: a replay that finds the row its first application made has the actual
                // that application released, if any, leave the held ones too (the stored record may still hold it).
                state.State.Held.Remove(id);
                var (kept, row) = (rows[own].Rows, rows[own].Row);
                // The record came again. With an actual, it replaces what was counted (under the old prediction's
                // bucket and slices) by itself; without one, the earlier registration stands. A redone batch's row
                // is as its outbox entry, and later entries, left it.
                if (carried is not null && !redone)
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

            if (redone)
            {
                // The outbox entry holds every row of the batch that counted an outcome, and the redo appended it, so this
                // one counted none: an actual held now, or another version's, came after it.
                _segments.Append(predictions, i, carried, now);
                continue;
            }

            // The first row of this series for the id. An actual the record carries is the later one, so it wins over
            // one that was waiting; without either, the actual another version's row of the same id has counted is
            // this prediction's too — an id's ground truth is one, whichever versions scored it.
            state.State.Held.Remove(id, out var held);
            var actual = carried ?? held?.Actual ?? JoinSegments.FirstActual(rows);
            if (actual is not null)
            {
                emitted.Add(predictions, i, actual, 1);
            }

            _segments.Append(predictions, i, actual, now);
        }

        // Recorded once the shard holds the batch; the outcomes are in the outbox, which is checkpointed before a write.
        _applied.Add(position);
        _dirty = true;
        await EmitAsync(emitted, position, redone);
        await KeepToCacheAsync();
    }

    public async Task<ImmutableArray<JoinResult>> ApplyActualsAsync(LogPosition position, ImmutableArray<LateActual> actuals)
    {
        _persistence.ThrowIfUnpersisted(this.GetPrimaryKeyString());
        if (_applied.Holds(position))
        {
            return [.. actuals.Select(a => state.State.Held.ContainsKey(a.PredictionId) ? JoinResult.Held : JoinResult.Unchanged)];
        }

        // See RegisterAsync: a redone batch's rows are as its outbox entry and the later ones left them; set again now,
        // its actuals would undo a later correction, whose outcomes were counted after its own.
        var redone = OutboxHolds([position]);
        await SettleAdoptionsAsync();
        var now = time.GetUtcNow();
        _dirty |= _segments.Expire(now, options.Value.JoinWindow);
        await _segments.ReadForAsync(actuals.Select(a => a.PredictionId));
        var outcomes = ImmutableArray.CreateBuilder<JoinResult>(actuals.Length);
        var emitted = new OutcomeEmitter();
        foreach (var late in actuals)
        {
            // Every version that scored the id counts the actual in its own series.
            var rows = _segments.FindAll(late.PredictionId);
            if (rows.Count > 0 && redone)
            {
                state.State.Held.Remove(late.PredictionId);
                outcomes.Add(JoinResult.Unchanged);
                continue;
            }

            if (rows.Count > 0)
            {
                // An id with a row is never held (see RegisterAsync).
                state.State.Held.Remove(late.PredictionId);
                var changed = false;
                foreach (var found in rows)
                {
                    var (kept, row) = (found.Rows, found.Row);
                    var counted = kept.Actual(row);
                    if (Equals(counted, late.Actual))
                    {
                        continue;
                    }

                    if (counted is not null)
                    {
                        emitted.Add(kept, row, counted, -1);
                    }

                    emitted.Add(kept, row, late.Actual, 1);
                    JoinSegments.SetActual(found, late.Actual);
                    changed = true;
                }

                outcomes.Add(changed ? JoinResult.Matched : JoinResult.Unchanged);
                continue;
            }

            // Held whatever the bound says: the worker asked for room before the batch was logged.
            if (!state.State.Held.ContainsKey(late.PredictionId) && state.State.Held.Count >= options.Value.JoinCapacityPerShard)
            {
                Expire(now);
            }

            state.State.Held[late.PredictionId] = new HeldActual { Actual = late.Actual, ExpiresAt = now + options.Value.JoinWindow };
            outcomes.Add(JoinResult.Held);
        }

        _applied.Add(position);
        _dirty = true;
        await EmitAsync(emitted, position, redone);
        await KeepToCacheAsync();
        return outcomes.MoveToImmutable();
    }

    public async Task<bool> CheckpointAsync(ImmutableArray<LogPosition> positions)
    {
        // Normally written already by this shard's own tick, and the slices have stored the outcomes of these entries on
        // their own ticks (the log asks a tick after it applied them): nothing to write. Otherwise the shard writes its
        // record, and only the families still missing these entries' outcomes are made to write, only for them. The log
        // trims only what every grain downstream stores, so an entry is never trimmed, nor its floor passed, while its
        // outcomes are only in the shard's outbox. A batch this activation does not hold (an earlier one ended before
        // its record stored it) is answered missing, before anything that could throw: the log then applies it again (a
        // redone replay, which sends nothing) and asks again, where an exception would leave it unsure, never trimming
        // nor applying the batch, and the entry's chunk pinning the outbox's floor.
        if (!_applied.ContainsAll(positions))
        {
            return false;
        }

        var unstored = !_applied.StoredAll(positions);
        if (unstored)
        {
            await FlushAsync(CancellationToken.None);
        }

        if (OutboxHolds(positions) && (!await ConfirmOutboxAsync() || OutboxHolds(positions)))
        {
            await CheckpointOutboxAsync(OutboxKeys(positions));
        }

        if ((unstored && _dirty) || OutboxHolds(positions))
        {
            throw new StoreUnavailableException($"label-join shard {this.GetPrimaryKeyString()} could not be written");
        }

        return true;
    }

    // `redone`: the call found the batch's entry in the outbox as it began (a batch replayed after a crash that stored its
    // segments but not the shard's record): the outcomes its first application sent are there already (read back from
    // its chunks), and are the ones that count.
    private async Task EmitAsync(OutcomeEmitter emitted, LogPosition position, bool redone)
    {
        if (redone)
        {
            return;
        }

        var via = position.Via(this.GetPrimaryKeyString());

        if (emitted.Kept(via, ++state.State.Applications) is { } kept)
        {
            _outboxEntries.Add(kept);
            _outboxChunks.Added(kept);
        }

        await SendAsync(emitted, via);
    }

    private async Task SendAsync(OutcomeEmitter emitted, LogPosition via)
    {
        var calls = new List<Task>();
        foreach (var (series, family, delta) in emitted.Deltas(via, state.State.Task, state.State.PositiveLabel))
        {
            var key = SliceGrainKey.For(ModelId, series, family);
            if (!_outbox.TryGetValue(key, out var sent))
            {
                sent = [];
                _outbox.Add(key, sent);
            }

            sent.Add(delta);
            calls.Add(grains.GetGrain<ISliceGrain>(key).ApplyAsync(delta));
        }

        await Task.WhenAll(calls);
    }

    // Segments read for the call leave memory now, down to the cache; changed ones only once written, so when they alone
    // fill the cache the changed sealed segments are written first, after the outbox's new entries and without the
    // shard's record: a segment stored after the record is read back on activation, as after a crash between the two
    // (a refused write leaves them for the next tick).
    private async Task KeepToCacheAsync()
    {
        if (_segments.MustWriteToEvict)
        {
            try
            {
                await PersistSegmentsAsync(sealedOnly: true);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var shard = this.GetPrimaryKeyString();
                LogEvictionWriteFailed(logger, e, shard);
            }
        }

        _segments.EvictToBudget();
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

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await TrySettleAdoptionsAsync();
    }

    // Writes the shard. Every outcome it sent for a batch its record says was applied is stored by its slice, or kept in
    // the outbox's chunks and sent again on activation; otherwise a replay the shard ignores would never send an outcome
    // a slice lost. The families are asked, without writing, what they stored, and only what they have not stays in the
    // outbox; with an outbox past its bound they are made to write first, as before the outbox was kept. The record
    // lists the segments and remembers the batches, so it is written only after every segment it refers to; and since
    // activation reads back segments the record does not list, the outbox's new entries are written before any segment,
    // and nothing else is written when that write fails.
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        Expire(time.GetUtcNow());
        metrics.Report(this.GetGrainId(), state.State.Held.Count, _segments.IndexBytes);
        if (_outbox.Count > 0 || _outboxEntries.Count > 0)
        {
            await ConfirmOutboxAsync();
        }

        if (_outboxEntries.Sum(e => e.Rows.Count) > options.Value.JoinOutboxRows && !await CheckpointOutboxAsync(null))
        {
            return;
        }

        if (!_dirty)
        {
            return;
        }

        ForgetReplayedRedos();
        _applied.Writing();
        if (await _persistence.TryWriteAsync(state, this.GetPrimaryKeyString(), cancellationToken, before: () => PersistSegmentsAsync()))
        {
            _applied.Written();
            _outboxChunks.Stored(state.State.OutboxFloor);
            _dirty = false;
            await DeleteOutboxBeforeChunksAsync(cancellationToken);
        }
        else
        {
            _applied.NotWritten();
        }
    }

    [LoggerMessage(EventId = 1518, Level = LogLevel.Information, Message = "Label-join shard {Shard} could not write its sealed segments to make room in its cache; the next write tries again")]
    private static partial void LogEvictionWriteFailed(ILogger logger, Exception exception, string shard);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Warning, Message = "Label-join shard {Shard} could not checkpoint the slices it sent outcomes to; it is written once they are")]
    private static partial void LogSliceCheckpointFailed(ILogger logger, Exception exception, string shard);
}
