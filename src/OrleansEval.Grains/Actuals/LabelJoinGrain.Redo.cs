using OrleansEval.Actuals;
using OrleansEval.Ingest;

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
        // Entries an earlier activation redid, with a record stored since: the segments written before it hold their rows
        // as redone and as later batches changed them, so a second redo would set back what those batches stored. The
        // others are redone in order: on a crash between the segments and the record, the segments may hold their redo
        // and later batches, whose entries are then in the chunks too (an entry leaves only once a record holds its
        // batch), so redoing them all in order makes the same rows again.
        var redone = state.State.Redone.Select(p => (p.Log, p.Sequence)).ToHashSet();
        var lost = _outboxEntries.Where(e => AwaitsReplay(e) && !redone.Contains(OutboxKey(e))).OrderBy(e => e.Order).ToList();
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

        state.State.Redone.AddRange(lost.Select(e => e.Position));
        _dirty = true;
    }

    // Before a record write: the redone entries whose batches the shard has since applied are in the record's applied
    // entries, and leave the list.
    private void ForgetReplayedRedos()
    {
        if (state.State.Redone.Count == 0)
        {
            return;
        }

        var awaiting = _outboxEntries.Where(AwaitsReplay).Select(OutboxKey).ToHashSet();
        state.State.Redone.RemoveAll(p => !awaiting.Contains((p.Log, p.Sequence)));
    }

    // An entry of a batch the shard has not applied since its record: the log is still to replay it, and the replay must
    // know that its batch was redone.
    private bool AwaitsReplay(JoinOutboxEntry entry) => BatchOf(entry) is { } batch && !_applied.Holds(batch);

    // An entry of a batch the shard's stored record does not hold: it stays in the outbox, though its families stored its
    // outcomes, so that it is in a chunk before the segments holding its rows. After a crash between those segments and
    // the record its replay would otherwise meet rows it already changed and set them again apart from what was counted.
    private bool Unrecorded(JoinOutboxEntry entry) => BatchOf(entry) is { } batch && _applied.StorageOf(batch) != EntryStorage.Stored;

    // The log's entry whose outcomes the outbox entry holds; none for outcomes this shard did not send from a log entry.
    private LogPosition? BatchOf(JoinOutboxEntry entry)
    {
        var suffix = $">{this.GetPrimaryKeyString()}";
        return entry.Position.Log.EndsWith(suffix, StringComparison.Ordinal) ? entry.Position with { Log = entry.Position.Log[..^suffix.Length] } : null;
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
