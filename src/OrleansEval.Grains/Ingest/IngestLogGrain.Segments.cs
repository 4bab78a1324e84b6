using OrleansEval.Ingest;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// Where segments are stored: a ring of slots, <c>ingest-slot-0</c>, <c>ingest-slot-1</c>, … A segment is written into a
/// free slot — one whose segment the stored head already records as trimmed — or into a new slot after the last when
/// none is free, so a busy log costs one storage request per group commit and none to drop a segment. Slots are never
/// deleted: on activation they are read from 0 until one is missing, and those holding a segment from the head's first
/// on are the log. Segments of the layout before the ring (<c>ingest-log-&lt;n&gt;</c>) are read from the head's first
/// number until one is missing, replayed like the others, and deleted once trimmed.
/// </summary>
internal sealed partial class IngestLogGrain
{
    // Stored segments by number, holding only their version tags (the entries live in _bySequence).
    private readonly SortedDictionary<int, SegmentSlot> _segments = [];

    // Slots whose segment the stored head records as trimmed, lowest segment number first: the next writes go there.
    private readonly Queue<SegmentSlot> _free = [];
    private int _slotCount;

    // The slot the next segment number goes to, kept until that number is stored: a write that failed may have been
    // stored after all, so the next try of the same number goes over it, never beside it.
    private SegmentSlot? _nextSlot;

    // One write at a time; what arrived meanwhile goes into the next. A refused write fails its appends with
    // StoreUnavailableException and forgets their keys, so the client's resend is taken as new.
    private async Task WriteAsync()
    {
        while (_pending.Count > 0)
        {
            var group = _pending;
            _pending = [];
            var number = _nextSegment;
            var slot = _nextSlot ??= TakeSlot();
            slot.Record.State = new IngestLogSegment { Number = number, Entries = [.. group.Select(e => e.Logged)] };
            try
            {
                // A stale tag (the last try of this number was stored after all, or the store lost a write) is read
                // again and written over: the slot holds nothing the log still needs.
                await _writes.TimedWriteAsync(storage, slot.Name, this.GetGrainId(), slot.Record);
            }
            catch (Exception e)
            {
                slot.Record.State = new IngestLogSegment { Number = -1 };
                LogWriteFailed(logger, e, Key, group.Count);
                foreach (var live in group)
                {
                    _live.Remove(live.Logged.Entry.BatchId);
                    _bySequence.Remove(live.Sequence);
                    live.Durable!.SetException(new StoreUnavailableException($"the ingest log of model '{ModelId}' could not be written; nothing of the batch was kept", e));
                }

                continue;
            }

            _nextSegment++;
            _nextSlot = null;
            slot.Record.State = new IngestLogSegment { Number = number };
            _segments.Add(number, slot);
            foreach (var live in group)
            {
                live.Segment = number;
                var durable = live.Durable!;
                live.Durable = null;
                durable.SetResult();
            }
        }

        _writing = false;
    }

    /// <summary>
    /// The plan of an applied entry that let go of it, read back from its stored segment for a grain that lost it; null
    /// when the entry is trimmed or its segment no longer holds it.
    /// </summary>
    private async Task<IngestPlan?> StoredPlanAsync(LiveEntry live)
    {
        if (live.Trimmed || !_segments.TryGetValue(live.Segment, out var slot))
        {
            return null;
        }

        // A record of its own: the slot's keeps the version tag its next write needs.
        var record = new GrainState<IngestLogSegment>();
        await storage.ReadStateAsync(slot.Name, this.GetGrainId(), record);
        return record.State is { } segment && segment.Number == live.Segment
            ? segment.Entries.FirstOrDefault(e => e.Sequence == live.Sequence)?.Entry.Plan
            : null;
    }

    private SegmentSlot TakeSlot() =>
        _free.TryDequeue(out var slot) ? slot : new SegmentSlot(SlotName(_slotCount++), new GrainState<IngestLogSegment>(), reusable: true);

    private async Task LoadSegmentsAsync()
    {
        var first = head.State.FirstSegment;
        var held = new Dictionary<int, SegmentSlot>();
        var free = new List<(int Number, SegmentSlot Slot)>();
        while (true)
        {
            var record = new GrainState<IngestLogSegment>();
            await storage.ReadStateAsync(SlotName(_slotCount), this.GetGrainId(), record);
            if (!record.RecordExists)
            {
                break;
            }

            var slot = new SegmentSlot(SlotName(_slotCount++), record, reusable: true);
            var number = record.State?.Number ?? -1;
            if (number < first || !held.TryAdd(number, slot))
            {
                free.Add((number, slot));
            }
        }

        var next = first;
        while (true)
        {
            if (!held.Remove(next, out var slot))
            {
                // A segment of the layout before the ring, or the end of the log.
                var record = new GrainState<IngestLogSegment>();
                await storage.ReadStateAsync(SegmentName(next), this.GetGrainId(), record);
                if (!record.RecordExists || record.State?.Number != next)
                {
                    break;
                }

                slot = new SegmentSlot(SegmentName(next), record, reusable: false);
            }

            foreach (var logged in slot.Record.State?.Entries ?? [])
            {
                var live = new LiveEntry(logged) { Segment = next, TakenAt = writes.Time.GetTimestamp() };
                _live[logged.Entry.BatchId] = live;
                _bySequence[logged.Sequence] = live;
            }

            slot.Record.State = new IngestLogSegment { Number = next };
            _segments.Add(next, slot);
            next++;
        }

        // Slots past the end of the log cannot hold a segment that was stored after a missing one (a number is stored
        // before the next is written); the lowest-numbered go first, so each is written over before its number is reused.
        free.AddRange(held.Select(h => (h.Key, h.Value)));
        foreach (var (_, slot) in free.OrderBy(f => f.Number))
        {
            slot.Record.State = new IngestLogSegment { Number = -1 };
            _free.Enqueue(slot);
        }

        _nextSegment = next;
        _nextSequence = Math.Max(head.State.NextSequence, _bySequence.Count > 0 ? _bySequence.Keys.Max() + 1 : 0);
    }

    // Called once the head that moves past these segments is stored: a slot takes a later segment only when the stored
    // head is past the one it holds (else a crash could leave the head pointing at a segment written over), and the
    // records of the earlier layout are deleted, lowest first.
    private void DropSegmentsBelow(int limit)
    {
        foreach (var number in _segments.Keys.Where(n => n < limit).ToList())
        {
            var slot = _segments[number];
            if (slot.Reusable && number >= head.State.FirstSegment)
            {
                continue;
            }

            _segments.Remove(number);
            if (slot.Reusable)
            {
                _free.Enqueue(slot);
            }
            else
            {
                _undeleted.Enqueue(() => _writes.ClearAsync(storage, slot.Name, this.GetGrainId(), slot.Record));
            }
        }
    }

    private static string SlotName(int slot) => $"ingest-slot-{slot}";

    private static string SegmentName(int number) => $"ingest-log-{number}";
}
