using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.Ingest;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Actuals;

/// <summary>A named slice's backfill as the join takes part in it: the predictions it holds join the slice.</summary>
internal sealed partial class LabelJoinGrain
{
    // One call of the shard, so no actual can reach a prediction between the slice joining it and its actual being
    // counted there: the outcome counted now is the one a later correction takes back.
    public async Task<ImmutableArray<bool>> AdoptSliceAsync(SliceKey slice, ImmutableArray<SliceAdoption> parts)
    {
        ArgumentNullException.ThrowIfNull(slice);
        _persistence.ThrowIfUnpersisted(this.GetPrimaryKeyString());
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

            await EmitAsync(emitted, part.Position);
        }

        // Stored before the backfill goes on, as the backfill stores its own counts before it is done.
        await FlushAsync(CancellationToken.None);
        if (_dirty)
        {
            throw new StoreUnavailableException($"label-join shard {this.GetPrimaryKeyString()} could not be written");
        }

        await KeepToCacheAsync();
        return held.MoveToImmutable();
    }
}
