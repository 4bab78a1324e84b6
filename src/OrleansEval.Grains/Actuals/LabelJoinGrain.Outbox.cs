using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansEval.GrainInterfaces;
using OrleansEval.Ingest;
using OrleansEval.Performance;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// The shard's outbox: the outcomes its slice families have not yet stored, kept in its record so that the record can
/// be written without having the families write first (docs/architecture.md, "The join's outbox"). The families are
/// asked, without writing, what their stored state holds; an activation sends the stored outbox again.
/// </summary>
internal sealed partial class LabelJoinGrain
{
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
        state.State.Outbox.RemoveAll(e => !waiting.Contains((e.Position.Log, e.Position.Sequence)) && !AwaitsReplay(e));
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

    // Writes the outbox as its own record, then the segments: a segment read back on activation without the shard's
    // record (a crash between their writes) holds rows whose outcomes a family may have lost, and the replay of their
    // batch finds those rows counted already, so it would not send them again. A refused outbox write throws, and then
    // nothing else is written.
    private async Task PersistSegmentsAsync(CancellationToken cancellationToken)
    {
        if (_outboxUnrecorded && state.State.Outbox.Count > 0)
        {
            outboxRecord.State.Entries = [.. state.State.Outbox];
            await _persistence.WriteAsync(outboxRecord, this.GetPrimaryKeyString(), cancellationToken);
        }

        _outboxUnrecorded = false;
        await _segments.PersistAsync();
    }

    // On activation: the outcomes the stored record kept are sent again (a slice ignores those it holds) and kept until
    // their slices say they stored them. So are those of the outbox record whose batches the stored record does not
    // hold: their segments may have been stored, and the log's replay of the batch then sends nothing.
    private async Task ResendOutboxAsync()
    {
        var shard = this.GetPrimaryKeyString();
        var kept = state.State.Outbox.Select(e => (e.Position.Log, e.Position.Sequence)).ToHashSet();
        var suffix = $">{shard}";
        state.State.Outbox.AddRange(outboxRecord.State.Entries.Where(e =>
            !kept.Contains((e.Position.Log, e.Position.Sequence))
            && e.Position.Log.EndsWith(suffix, StringComparison.Ordinal)
            && !_applied.Holds(e.Position with { Log = e.Position.Log[..^suffix.Length] })));

        // SendAsync puts an entry's deltas in the outbox before it calls, so one that fails is sent again by the next tick.
        foreach (var entry in state.State.Outbox)
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

    private bool OutboxHolds(ImmutableArray<LogPosition> positions)
    {
        if (state.State.Outbox.Count == 0)
        {
            return false;
        }

        var shard = this.GetPrimaryKeyString();
        var asked = positions.Select(p => p.Via(shard)).Select(p => (p.Log, p.Sequence)).ToHashSet();
        return state.State.Outbox.Exists(e => asked.Contains((e.Position.Log, e.Position.Sequence)));
    }

    [LoggerMessage(EventId = 1517, Level = LogLevel.Information, Message = "Label-join shard {Shard} could not send again the outcomes of entry {Log}/{Sequence} from its outbox; the next tick sends them")]
    private static partial void LogOutboxNotSent(ILogger logger, Exception exception, string shard, string log, long sequence);

    [LoggerMessage(EventId = 1516, Level = LogLevel.Information, Message = "Label-join shard {Shard} could not yet learn what slice family {Family} stored; its outcomes stay in the shard's outbox")]
    private static partial void LogOutboxUnconfirmed(ILogger logger, Exception exception, string shard, string family);
}
