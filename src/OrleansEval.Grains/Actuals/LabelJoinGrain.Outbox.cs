using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansEval.GrainInterfaces;
using OrleansEval.Ingest;
using OrleansEval.Performance;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// The shard's outbox: the outcomes its slice families have not yet stored, kept in chunks of their own (each entry
/// written once, before any segment) so that the shard's record can be written without having the families write first
/// (docs/architecture.md, "The join's outbox"). The families are asked, without writing, what their stored state holds;
/// an activation sends every stored entry again.
/// </summary>
internal sealed partial class LabelJoinGrain
{
    // The entries no family has yet confirmed all of, oldest first: recovered on activation, added as batches are
    // applied, and left when confirmed. The same outcomes as _outbox, per entry.
    private JoinOutboxEntries _outboxEntries = new([]);
    private JoinOutboxChunks _outboxChunks = null!;

    // A record of the layout before chunks is stored, to delete once its entries are in a chunk.
    private bool _legacyOutbox;

    private static (string Log, long Sequence) OutboxKey(JoinOutboxEntry entry) => JoinOutboxEntries.KeyOf(entry);

    // Reads the outbox's chunks from the floor the record names, then moves into it, to be written in the next chunk, the
    // entries of the layouts before chunks: the record's own outbox and the outbox record, never dropped unread.
    private async Task LoadOutboxAsync()
    {
        var (chunks, entries) = await JoinOutboxChunks.ReadAsync(storage, this.GetGrainId(), state.State.OutboxFloor);
        var kept = entries.Select(OutboxKey).ToHashSet();
        foreach (var entry in state.State.Outbox.Concat(outboxRecord.State?.Entries ?? []))
        {
            if (kept.Add(OutboxKey(entry)))
            {
                entries.Add(entry);
                chunks.Added(entry);
            }
        }

        _legacyOutbox = outboxRecord.RecordExists;
        state.State.Outbox = [];
        _outboxChunks = chunks;
        _outboxEntries = new JoinOutboxEntries(entries);
    }

    // Asks each family, without making it write, which outcomes its stored state holds: those leave the outbox, those its
    // activation lost are sent again, the rest wait for its own tick. True when every family answered.
    private async Task<bool> ConfirmOutboxAsync()
    {
        var answered = await Task.WhenAll(_outbox.ToList().Select(o => ConfirmSliceAsync(o.Key, o.Value)));
        foreach (var (key, sent) in _outbox.Where(o => o.Value.Count == 0).ToList())
        {
            _outbox.Remove(key);
        }

        var waiting = _outbox.Values.SelectMany(sent => sent).Select(d => (d.Position!.Log, d.Position.Sequence)).ToHashSet();
        _outboxEntries.RemoveAll(e => !waiting.Contains(OutboxKey(e)) && !Unrecorded(e));
        return answered.All(a => a);
    }

    private async Task<bool> ConfirmSliceAsync(string key, List<SliceDelta> sent)
    {
        try
        {
            var slice = grains.GetGrain<ISliceGrain>(key);
            ImmutableArray<LogPosition> positions = [.. sent.Select(d => d.Position!).Distinct()];
            var stored = await slice.StoredAsync(positions);
            var missing = new List<SliceDelta>();
            for (var i = 0; i < positions.Length; i++)
            {
                var position = positions[i];
                if (stored[i] == EntryStorage.Stored)
                {
                    sent.RemoveAll(d => d.Position == position);
                }
                else if (stored[i] == EntryStorage.Missing)
                {
                    missing.AddRange(sent.Where(d => d.Position == position));
                }
            }

            // The slice's activation lost outcomes before storing them: send them again (it ignores those it holds).
            foreach (var delta in missing)
            {
                await slice.ApplyAsync(delta);
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var shard = this.GetPrimaryKeyString();
            LogOutboxUnconfirmed(logger, e, shard, key);
            return false;
        }
    }

    // Has the families store the outcomes of the entries in `only` (all when null) that they hold, then those entries
    // leave the outbox. False when a family could not.
    private async Task<bool> CheckpointOutboxAsync(HashSet<(string Log, long Sequence)>? only)
    {
        var checkpointed = new HashSet<(string Log, long Sequence)>();
        var asked = _outbox
            .Select(o => (o.Key, Sent: only is null ? o.Value : o.Value.FindAll(d => only.Contains((d.Position!.Log, d.Position.Sequence)))))
            .Where(o => o.Sent.Count > 0)
            .ToList();
        try
        {
            var stored = await Task.WhenAll(asked.Select(o => CheckpointSliceAsync(o.Key, o.Sent)));
            if (!stored.All(s => s))
            {
                return false;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSliceCheckpointFailed(logger, e, this.GetPrimaryKeyString());
            return false;
        }

        foreach (var (key, sent) in asked)
        {
            checkpointed.UnionWith(sent.Select(d => (d.Position!.Log, d.Position.Sequence)));
            if (_outbox.TryGetValue(key, out var waiting))
            {
                waiting.RemoveAll(d => checkpointed.Contains((d.Position!.Log, d.Position.Sequence)));
            }
        }

        // Only the entries whose positions the families were made to store leave the outbox.
        _outboxEntries.RemoveAll(e => checkpointed.Contains(OutboxKey(e)) && !Unrecorded(e));
        foreach (var key in _outbox.Where(o => o.Value.Count == 0).Select(o => o.Key).ToList())
        {
            _outbox.Remove(key);
        }

        return true;
    }

    private async Task<bool> CheckpointSliceAsync(string key, List<SliceDelta> sent)
    {
        var slice = grains.GetGrain<ISliceGrain>(key);
        ImmutableArray<LogPosition> positions = [.. sent.Select(d => d.Position!).Distinct()];
        if (await slice.CheckpointAsync(positions))
        {
            return true;
        }

        // The slice's activation lost outcomes before storing them: send them again (it ignores those it holds).
        foreach (var delta in sent)
        {
            await slice.ApplyAsync(delta);
        }

        return await slice.CheckpointAsync(positions);
    }

    // Writes the outbox's entries added since its last chunk (those still in the outbox: unconfirmed, or of a batch the
    // stored record does not hold) as a new chunk, then the segments: a segment read back on activation without the
    // shard's record (a crash between their writes) holds rows whose outcomes a family may have lost, or that the batch's
    // replay would meet changed; its entry brings the outcomes back and has the rows redone. A refused chunk write throws,
    // and then nothing else is written. The record to be written next names the lowest chunk still holding an entry of
    // the outbox; slots of the chunks below it are reused once it is stored.
    private async Task PersistSegmentsAsync(bool sealedOnly = false)
    {
        var waiting = _outboxEntries.Select(OutboxKey).ToHashSet();
        await _outboxChunks.WriteAsync(storage, this.GetGrainId(), _persistence, waiting);
        state.State.OutboxFloor = _outboxChunks.Floor(waiting);
        await _segments.PersistAsync(sealedOnly);
    }

    // The record of the layout before chunks is deleted only once a shard record is stored after the chunk that took its
    // entries: a write of sealed segments stores the chunk without the record, and until a record stores their batches
    // (or a floor past that chunk) activation may still need what the old record says. A failure leaves it for the next write.
    private async Task DeleteOutboxBeforeChunksAsync(CancellationToken cancellationToken)
    {
        if (!_legacyOutbox)
        {
            return;
        }

        try
        {
            await outboxRecord.ClearStateAsync(cancellationToken);
            _legacyOutbox = false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var shard = this.GetPrimaryKeyString();
            LogOldOutboxNotDeleted(logger, e, shard);
        }
    }

    // On activation every stored entry is sent again, whether or not the record holds its batch (a slice ignores the
    // positions it holds), and kept until its slices say they stored it: the record no longer says which entries were
    // confirmed, and a batch whose segments were stored before a crash is not sent again by the log's replay.
    private async Task ResendOutboxAsync()
    {
        var shard = this.GetPrimaryKeyString();

        // SendAsync puts an entry's deltas in the outbox before it calls, so one that fails is sent again by the next tick.
        foreach (var entry in _outboxEntries)
        {
            try
            {
                await SendAsync(OutcomeEmitter.Of(entry), entry.Position);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogOutboxNotSent(logger, e, shard, entry.Position.Log, entry.Position.Sequence);
            }
        }
    }

    private HashSet<(string Log, long Sequence)> OutboxKeys(ImmutableArray<LogPosition> positions)
    {
        var shard = this.GetPrimaryKeyString();
        return positions.Select(p => p.Via(shard)).Select(p => (p.Log, p.Sequence)).ToHashSet();
    }

    private bool OutboxHolds(ImmutableArray<LogPosition> positions)
    {
        if (_outboxEntries.Count == 0)
        {
            return false;
        }

        return _outboxEntries.HoldsAny(OutboxKeys(positions));
    }

    [LoggerMessage(EventId = 1519, Level = LogLevel.Information, Message = "Label-join shard {Shard} could not delete its outbox record of the layout before chunks; its entries are in a chunk, and the next write tries again")]
    private static partial void LogOldOutboxNotDeleted(ILogger logger, Exception exception, string shard);

    [LoggerMessage(EventId = 1517, Level = LogLevel.Information, Message = "Label-join shard {Shard} could not send again the outcomes of entry {Log}/{Sequence} from its outbox; the next tick sends them")]
    private static partial void LogOutboxNotSent(ILogger logger, Exception exception, string shard, string log, long sequence);

    [LoggerMessage(EventId = 1516, Level = LogLevel.Information, Message = "Label-join shard {Shard} could not yet learn what slice family {Family} stored; its outcomes stay in the shard's outbox")]
    private static partial void LogOutboxUnconfirmed(ILogger logger, Exception exception, string shard, string family);
}
