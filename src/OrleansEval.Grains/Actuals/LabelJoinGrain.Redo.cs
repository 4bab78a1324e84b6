using OrleansEval.Actuals;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// The outbox as a redo log (docs/architecture.md, "The join's outbox"). After a crash the ingest log replays the
/// batches the shard's record does not hold, each partition in its order but the partitions in any order between them,
/// so a replay may meet another state than its batch first did. The outcomes of a batch that sent any are what counted
/// (they came back in the outbox, and its replay sends nothing), so activation first sets the rows and held actuals as
/// those outcomes left them, in the order the shard applied the batches; the replays then change nothing those outcomes
/// cover, and recompute only what counted nothing.
/// </summary>
internal sealed partial class LabelJoinGrain
{
    private async Task RedoOutboxAsync()
    {
        var lost = _outboxEntries.Where(AwaitsReplay).OrderBy(e => e.Order).ToList();
        state.State.Applications = Math.Max(state.State.Applications, _outboxEntries.Select(e => e.Order).DefaultIfEmpty().Max());
        if (lost.Count == 0)
        {
            return;
        }

        await _segments.ReadForAsync(lost.SelectMany(e => Enumerable.Range(0, e.Rows.Count).Select(e.Rows.PredictionId)));
        var now = time.GetUtcNow();
        var rows = new List<JoinRow>(2);
        foreach (var entry in lost)
        {
            // A row taken back (−1) is followed in its entry by the row that then counts (+1), which is the one to set.
            for (var i = 0; i < entry.Rows.Count; i++)
            {
                if (entry.Weights[i] < 0)
                {
                    continue;
                }

                var id = entry.Rows.PredictionId(i);
                var actual = entry.Rows.Actual(i)!;
                _segments.FindAll(id, rows);
                var own = JoinSegments.IndexOfSeries(rows, entry.Rows.Series(i));
                if (own >= 0 && SamePrediction(rows[own].Rows, rows[own].Row, entry.Rows, i))
                {
                    if (!Equals(rows[own].Rows.Actual(rows[own].Row), actual))
                    {
                        JoinSegments.SetActual(rows[own], actual);
                    }
                }
                else
                {
                    // The segments written before the crash did not hold the row (or held the prediction before it was
                    // sent again): the entry's copy of it is the prediction's current row.
                    _segments.Append(entry.Rows, i, actual, now);
                }

                // The batch released it, or the id had a row already: an id with a row is never held.
                state.State.Held.Remove(id);
            }
        }

        _dirty = true;
    }

    // An entry of a batch the shard has not applied since its record: the log is still to replay it. It stays in the
    // outbox, though its families stored its outcomes, until then: the replay must know that its batch was redone.
    private bool AwaitsReplay(JoinOutboxEntry entry)
    {
        var suffix = $">{this.GetPrimaryKeyString()}";
        return entry.Position.Log.EndsWith(suffix, StringComparison.Ordinal)
            && !_applied.Holds(entry.Position with { Log = entry.Position.Log[..^suffix.Length] });
    }

    // The same prediction: a record sent again with other content has a row of its own, which the entry's copy stands for.
    // The kept row may be in more slices than the copy (a backfill added them since).
    private static bool SamePrediction(PendingPredictions kept, int row, PendingPredictions entry, int at) =>
        kept.BucketStart(row) == entry.BucketStart(at)
        && kept.Score(row).Equals(entry.Score(at))
        && string.Equals(kept.Predicted(row), entry.Predicted(at), StringComparison.Ordinal)
        && kept.PredictedValue(row).Equals(entry.PredictedValue(at))
        && !entry.Slices(at).Except(kept.Slices(row)).Any();
}
