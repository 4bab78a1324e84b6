using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// Trimming, on a timer: entries applied in this activation are checkpointed in every grain they changed (columns,
/// slice families, join shards — which first checkpoint the slices they sent outcomes to); an entry every grain has
/// stored is trimmed, and one a grain lost (its activation ended before it wrote) is fanned out again. Segments are
/// dropped in order once every entry in them is trimmed: their keys go to the key pages, the head moves past them,
/// and only then are their records deleted. Entries never applied in this activation are fanned out again, not trimmed.
/// </summary>
internal sealed partial class IngestLogGrain
{
    private readonly List<GrainState<IngestLogSegment>> _undeleted = [];
    private bool _trimming;

    private async Task TrimAsync(CancellationToken cancellationToken)
    {
        if (_trimming)
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
        var applied = _bySequence.Values.Where(e => e.Applied && !e.Trimmed && e.Plan is not null).ToList();
        if (applied.Count == 0)
        {
            return;
        }

        var byTarget = new Dictionary<(TargetKind Kind, string Key), List<LiveEntry>>();
        foreach (var live in applied)
        {
            var targets = PlanFanOut.Targets(ModelId, live.Plan!);
            AddTargets(byTarget, TargetKind.Column, targets.Features, live);
            AddTargets(byTarget, TargetKind.Slice, targets.Slices, live);
            AddTargets(byTarget, TargetKind.Join, targets.Joins, live);
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
            live.Trimmed = true;
            live.Plan = null;
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
        var expired = ExpirePages();
        if (!await WritePagesAsync())
        {
            return;
        }

        if (leaving.Count > 0 || expired.Count > 0)
        {
            head.State.FirstSegment = Math.Max(head.State.FirstSegment, limit);
            head.State.NextSequence = _nextSequence;
            head.State.KeyPages = [.. _pages.Keys];
            try
            {
                await head.WriteStateAsync();
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

        foreach (var number in _segments.Keys.Where(n => n < limit).ToList())
        {
            _undeleted.Add(_segments[number]);
            _segments.Remove(number);
        }

        await DeleteAsync(expired.Select(p => (PageName(p.Number), (IGrainState<IngestKeyPage>)p.Page)));
        await DeleteSegmentsAsync();
    }

    // The head no longer lists these records, so a failure here only leaves a record behind; it is tried again next trim.
    private async Task DeleteSegmentsAsync()
    {
        foreach (var record in _undeleted.ToList())
        {
            try
            {
                await storage.ClearStateAsync(SegmentName(record.State!.Number), this.GetGrainId(), record);
                _undeleted.Remove(record);
            }
            catch (Exception e)
            {
                LogTrimFailed(logger, e, Key);
                return;
            }
        }
    }

    private async Task DeleteAsync(IEnumerable<(string Name, IGrainState<IngestKeyPage> Record)> records)
    {
        foreach (var (name, record) in records)
        {
            try
            {
                await storage.ClearStateAsync(name, this.GetGrainId(), record);
            }
            catch (Exception e)
            {
                LogTrimFailed(logger, e, Key);
            }
        }
    }

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "The ingest log {Log} could not checkpoint {Grain}; its entries are kept until it can")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string log, string grain);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "The ingest log {Log} could not write or delete a record while trimming; the next trim tries again")]
    private static partial void LogTrimFailed(ILogger logger, Exception exception, string log);

    private enum TargetKind
    {
        Column,
        Slice,
        Join,
    }
}
