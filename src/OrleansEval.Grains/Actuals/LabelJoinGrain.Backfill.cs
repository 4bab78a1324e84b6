using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Ingest;
using OrleansEval.Performance;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// A named slice's backfill as the join takes part in it: the predictions it holds join the slice. The shard stores the
/// rows' membership together with the outcomes it counted for them before it sends those outcomes, and sends them again
/// until their slice family has stored them (on the next call, timer tick or activation): a slice never holds an
/// adopted outcome that the shard's stored rows do not know they were counted in, so a later actual always reaches it.
/// </summary>
internal sealed partial class LabelJoinGrain
{
    // One call of the shard, so no actual can reach a prediction between the slice joining it and its actual being
    // counted there: the outcome counted now is the one a later correction takes back.
    public async Task<ImmutableArray<bool>> AdoptSliceAsync(SliceKey slice, ImmutableArray<SliceAdoption> parts)
    {
        ArgumentNullException.ThrowIfNull(slice);
        _persistence.ThrowIfUnpersisted(this.GetPrimaryKeyString());
        await SettleAdoptionsAsync();
        _dirty |= _segments.Expire(time.GetUtcNow(), options.Value.JoinWindow);
        await _segments.ReadForAsync(parts.SelectMany(p => p.PredictionIds));
        var held = ImmutableArray.CreateBuilder<bool>(parts.Sum(p => p.PredictionIds.Length));
        foreach (var part in parts)
        {
            var emitted = new OutcomeEmitter();
            foreach (var id in part.PredictionIds)
            {
                var rows = _segments.FindAll(id);
                var own = rows.FindIndex(r => r.Rows.Series(r.Row) == part.Series);
                held.Add(own >= 0);
                if (own >= 0 && JoinSegments.AddSlice(rows[own], slice))
                {
                    _dirty = true;
                    if (rows[own].Rows.Actual(rows[own].Row) is { } actual)
                    {
                        emitted.AddTo(slice, rows[own].Rows, rows[own].Row, actual, 1);
                    }
                }
            }

            foreach (var (series, family, delta) in emitted.Deltas(part.Position.Via(this.GetPrimaryKeyString()), state.State.Task, state.State.PositiveLabel))
            {
                state.State.Adoptions.Add(new AdoptedOutcomes { SliceGrainKey = SliceGrainKey.For(ModelId, series, family), Delta = delta });
            }
        }

        // The membership and its outcomes are stored before any slice sees them, then sent; both before the backfill goes on.
        await SettleAdoptionsAsync();
        await KeepToCacheAsync();
        return held.MoveToImmutable();
    }

    // Stores the adoptions not yet stored (with everything else the shard changed), then has their slices store them.
    private async Task SettleAdoptionsAsync()
    {
        if (state.State.Adoptions.Count == 0)
        {
            return;
        }

        if (_dirty)
        {
            await FlushAsync(CancellationToken.None);
        }

        if (_dirty)
        {
            throw new StoreUnavailableException($"label-join shard {this.GetPrimaryKeyString()} could not be written");
        }

        foreach (var adopted in state.State.Adoptions.GroupBy(a => a.SliceGrainKey, StringComparer.Ordinal))
        {
            List<SliceDelta> deltas = [.. adopted.Select(a => a.Delta)];
            var family = grains.GetGrain<ISliceGrain>(adopted.Key);
            foreach (var delta in deltas)
            {
                await family.ApplyAsync(delta);
            }

            if (!await CheckpointSliceAsync(adopted.Key, deltas))
            {
                throw new StoreUnavailableException($"slice family {adopted.Key} could not store the outcomes label-join shard {this.GetPrimaryKeyString()} adopted for it");
            }
        }

        // Forgotten at the shard's next write; sent again before it, they are ignored by their positions.
        state.State.Adoptions.Clear();
        _dirty = true;
    }

    // On activation and on the timer: adoptions a failed call or a stopped silo left stored but unsent.
    private async Task TrySettleAdoptionsAsync()
    {
        try
        {
            await SettleAdoptionsAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAdoptionsUnsettled(logger, e, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(EventId = 1515, Level = LogLevel.Warning, Message = "Label-join shard {Shard} could not yet have its slices store the outcomes of a backfill it adopted; it tries again")]
    private static partial void LogAdoptionsUnsettled(ILogger logger, Exception exception, string shard);
}
