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
        state.State.Outbox.RemoveAll(e => !waiting.Contains((e.Position.Log, e.Position.Sequence)));
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

    // On activation: the outcomes the stored record kept are sent again (a slice ignores those it holds) and kept until
    // their slices say they stored them.
    private async Task ResendOutboxAsync()
    {
        // SendAsync puts an entry's deltas in the outbox before it calls, so one that fails is sent again by the next tick.
        foreach (var entry in state.State.Outbox)
        {
            try
            {
                await SendAsync(OutcomeEmitter.Of(entry), entry.Position);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var (shard, log) = (this.GetPrimaryKeyString(), entry.Position.Log);
                LogOutboxUnconfirmed(logger, e, shard, log);
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

    [LoggerMessage(EventId = 1516, Level = LogLevel.Information, Message = "Label-join shard {Shard} could not yet learn what slice family {Family} stored; its outcomes stay in the shard's outbox")]
    private static partial void LogOutboxUnconfirmed(ILogger logger, Exception exception, string shard, string family);
}
