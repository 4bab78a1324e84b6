using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansEval.GrainInterfaces;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// Trimming, on a timer: entries applied in this activation are checkpointed in every grain they changed (columns,
/// slice families, row grains, join shards — which first checkpoint the slices they sent outcomes to); an entry every
/// grain has stored is trimmed, and one a grain lost (its activation ended before it wrote) is fanned out again. Segments are
/// dropped in order once every entry in them is trimmed: their keys go to the key pages, the head moves past them,
/// and only then are their slots free for later segments (records of the layout before the ring are deleted). Entries never applied in this activation are fanned out again, not trimmed.
/// </summary>
internal sealed partial class IngestLogGrain
{
    // The most segments an activation deletes below the head's first one: far more than one trim drops.
    private const int MaxOrphanedSegments = 10_000;

    // Records the head no longer lists (segments, expired key pages), by name, still to be deleted.
    private readonly Queue<Func<Task>> _undeleted = [];
    private bool _trimming;

    private async Task TrimAsync(CancellationToken cancellationToken)
    {
        // A stopping silo deactivates the grains a trim would ask: what is left stays in the log and is replayed.
        if (_trimming || silo.CurrentStatus.IsTerminating())
        {
            return;
        }

        _trimming = true;
        try
        {
            await RedriveUnappliedAsync();
            await CheckpointAppliedAsync();
            await DropTrimmedAsync();
        }
        finally
        {
            _trimming = false;
        }
    }

    private async Task RedriveUnappliedAsync()
    {
        foreach (var live in _bySequence.Values.Where(e => !e.Applied && e.Durable is null).ToList())
        {
            if (++live.TicksUnapplied >= 2)
            {
                await RedriveAsync(live);
            }
        }
    }

    private async Task CheckpointAppliedAsync()
    {
        // Entries applied since the last trim wait for the next: by then each grain they changed has written them on its
        // own tick (every grain's timer has the log's period), so its checkpoint answers from what it stored, without a
        // write of its own. Asked at once, every column, slice family, row grain and join shard wrote twice a tick.
        var applied = _bySequence.Values.Where(e => e.Applied && !e.Trimmed && e.CheckpointDue).ToList();
        foreach (var live in _bySequence.Values.Where(e => e.Applied && !e.CheckpointDue))
        {
            live.CheckpointDue = true;
        }

        if (applied.Count == 0)
        {
            return;
        }

        var byTarget = new Dictionary<(TargetKind Kind, string Key), List<LiveEntry>>();
        foreach (var live in applied)
        {
            var targets = live.Targets ?? PlanFanOut.Targets(ModelId, live.Plan!);
            AddTargets(byTarget, TargetKind.Column, targets.Features, live);
            AddTargets(byTarget, TargetKind.Slice, targets.Slices, live);
            AddTargets(byTarget, TargetKind.Join, targets.Joins, live);
            AddTargets(byTarget, TargetKind.Row, targets.Rows, live);
        }

        var stored = await Task.WhenAll(byTarget.Select(t => CheckpointAsync(t.Key.Kind, t.Key.Key, t.Value)));
        var unsure = new HashSet<LiveEntry>();
        var lost = new HashSet<LiveEntry>();
        foreach (var (entries, answer) in byTarget.Values.Zip(stored))
        {
            if (answer is null)
            {
                unsure.UnionWith(entries);
            }
            else if (!answer.Value)
            {
                lost.UnionWith(entries);
            }
        }

        foreach (var live in applied.Where(e => !unsure.Contains(e) && !lost.Contains(e)))
        {
            live.Trim();
        }

        // A grain that lost an entry (its activation ended before writing) gets it again; the others ignore it.
        foreach (var live in lost.Where(e => !unsure.Contains(e)))
        {
            await RedriveAsync(live);
        }
    }

    private static void AddTargets(Dictionary<(TargetKind, string), List<LiveEntry>> byTarget, TargetKind kind, ImmutableArray<string> keys, LiveEntry live)
    {
        foreach (var key in keys)
        {
            if (!byTarget.TryGetValue((kind, key), out var entries))
            {
                entries = [];
                byTarget.Add((kind, key), entries);
            }

            entries.Add(live);
        }
    }

    // True when the grain stored every entry, false when it lost one, null when it could not say (storage refused).
    private async Task<bool?> CheckpointAsync(TargetKind kind, string key, List<LiveEntry> entries)
    {
        ImmutableArray<LogPosition> positions = [.. entries.Select(Position)];
        try
        {
            return kind switch
            {
                TargetKind.Column => await grains.GetGrain<IFeatureGrain>(key).CheckpointAsync(positions),
                TargetKind.Slice => await grains.GetGrain<ISliceGrain>(key).CheckpointAsync(positions),
                TargetKind.Row => await grains.GetGrain<IRowGrain>(key).CheckpointAsync(positions),
                _ => await grains.GetGrain<ILabelJoinGrain>(key).CheckpointAsync(positions),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCheckpointFailed(logger, e, Key, key);
            return null;
        }
    }

    private async Task DropTrimmedAsync()
    {
        // Segments hold consecutive sequence numbers, so those below the first untrimmed entry's are wholly trimmed.
        var firstKept = _bySequence.Values.FirstOrDefault(e => !e.Trimmed);
        var limit = firstKept is null || firstKept.Segment == LiveEntry.Unwritten ? _nextSegment : firstKept.Segment;
        var leaving = _bySequence.Values.TakeWhile(e => e.Trimmed && e.Segment != LiveEntry.Unwritten && e.Segment < limit).ToList();
        await RememberAsync(leaving);
        var expired = ExpiredPages();
        if (!await WritePagesAsync())
        {
            return;
        }

        if (leaving.Count > 0 || expired.Count > 0)
        {
            head.State.FirstSegment = Math.Max(head.State.FirstSegment, limit);
            head.State.NextSequence = _nextSequence;
            head.State.KeyPages = [.. _pages.Keys.Except(expired)];
            try
            {
                await _writes.WriteAsync(head, Key, CancellationToken.None);
            }
            catch (Exception e)
            {
                LogTrimFailed(logger, e, Key);
                return;
            }
        }

        foreach (var live in leaving)
        {
            _live.Remove(live.Logged.Entry.BatchId);
            _bySequence.Remove(live.Sequence);
        }

        // Records of the layout before the ring are deleted lowest first, so that what a crash leaves behind lies just
        // below the head's first segment.
        DropSegmentsBelow(limit);

        foreach (var number in expired)
        {
            var page = _pages[number];
            _pages.Remove(number);
            _undeleted.Enqueue(() => _writes.ClearAsync(storage, PageName(number), this.GetGrainId(), page));
        }

        await DeleteUndeletedAsync();
    }

    // The head no longer lists these records, so a failure here only leaves a record behind; it is tried again next
    // trim, and segments a crash left behind are deleted when the log is next activated.
    private async Task DeleteUndeletedAsync()
    {
        while (_undeleted.TryPeek(out var delete))
        {
            try
            {
                await delete();
                _undeleted.Dequeue();
            }
            catch (Exception e)
            {
                LogTrimFailed(logger, e, Key);
                return;
            }
        }
    }

    /// <summary>
    /// Deletes the segments below the head's first one that a process which died between the head write and the deletes
    /// left behind: downward until one is missing, at most <see cref="MaxOrphanedSegments"/>. Deletes run lowest first,
    /// so what a crash leaves is the run just below the first segment. A failure is logged: it only leaves a record.
    /// </summary>
    private async Task DeleteOrphanedSegmentsAsync()
    {
        var deleted = 0;
        try
        {
            for (var number = head.State.FirstSegment - 1; number >= 0 && deleted < MaxOrphanedSegments; number--)
            {
                var record = new GrainState<IngestLogSegment>();
                await storage.ReadStateAsync(SegmentName(number), this.GetGrainId(), record);
                if (!record.RecordExists)
                {
                    break;
                }

                await _writes.ClearAsync(storage, SegmentName(number), this.GetGrainId(), record);
                deleted++;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogTrimFailed(logger, e, Key);
        }

        if (deleted > 0)
        {
            LogOrphansDeleted(logger, Key, deleted);
        }
    }

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "The ingest log {Log} could not checkpoint {Grain}; its entries are kept until it can")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string log, string grain);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "The ingest log {Log} could not write or delete a record while trimming; the next trim tries again")]
    private static partial void LogTrimFailed(ILogger logger, Exception exception, string log);

    [LoggerMessage(EventId = 1508, Level = LogLevel.Information, Message = "The ingest log {Log} deleted {Count} segments below its first one that a crash had left behind")]
    private static partial void LogOrphansDeleted(ILogger logger, string log, int count);

    private enum TargetKind
    {
        Column,
        Slice,
        Join,
        Row,
    }
}
