using Orleans.Storage;
using OrleansEval.Actuals;
using OrleansEval.Grains.Persistence;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// The predictions of one join shard, kept in segments of consecutive arrivals, each persisted as a record of its own.
/// Only the open segment (the one filling up) and a few sealed ones (<paramref name="cachedSegments"/>, least recently
/// used out first) have their rows in memory; every sealed segment's filter of its prediction ids
/// (<see cref="JoinSegmentFilter"/>) is stored, and held in memory only until it is written and indexed: the shard keeps
/// one index of every sealed segment's ids (<see cref="JoinSegmentEpochs"/>, under 4 bytes a row), which names the few
/// segments that may hold an id, so a lookup costs one probe per epoch however many segments the window holds; it reads
/// a segment's rows only when the index names it.
/// A prediction's current row in a series is its newest there: segments are searched newest first, and a segment's rows
/// newest first; an id scored by several versions has a current row in each of their series. A
/// persist writes the segments that changed (the open one as chunks, <see cref="JoinSegmentChunks"/>) and the filters
/// not yet written; a segment whose rows changed leaves memory
/// only once written. A segment whose newest arrival is older than the join window is dropped whole.
/// </summary>
internal sealed class JoinSegments(
    IGrainStorage storage,
    GrainId grain,
    JoinState head,
    int segmentRows,
    int cachedSegments,
    TimeSpan sealAfter,
    GrainWrites writes)
{
    // Filters read at once on activation: a window holds hundreds of segments, and each is a record of its own.
    private const int ConcurrentReads = 16;

    // In order of number, which is the order of arrival; the last may be open.
    private readonly List<JoinSegmentSlot> _segments = [];
    private readonly List<JoinSegmentSlot> _dropped = [];
    private readonly Dictionary<int, JoinSegmentSlot> _byNumber = [];
    private readonly HashSet<JoinSegmentSlot> _resident = [];
    private readonly JoinSegmentEpochs _index = new(sealAfter);
    private readonly List<int> _numbers = [];
    private readonly List<JoinSegmentSlot> _found = [];
    // What the last ReadForAsync found for each of its ids, in order: the sealed segments the index named, newest first
    // (the open one is taken when an id is looked up, as it fills meanwhile). FindAll of those ids in that order takes
    // them instead of looking each id up again, as long as no segment was sealed or dropped since (_changes): a
    // registration looks its batch up twice, to read and then to join, and the second lookup cost as much as the first.
    // The lists are filled across ReadForAsync's awaits: the shard's calls that change segments do not interleave (only
    // its capacity question does, and it reads), so no other call's read or join comes between.
    private readonly List<string> _readIds = [];
    private readonly List<int> _readEnds = [];
    private readonly List<JoinSegmentSlot> _readSealed = [];
    private int _readNext;
    private long _readAt = -1;
    private long _changes;
    private PendingPredictions? _mapSource;
    private JoinSegment? _mapTarget;
    private PendingPredictions.TableMap? _map;
    private long _uses;

    // No segment's newest arrival is older than this, so a call before it plus the window expires nothing.
    private DateTimeOffset _oldestLastArrival = DateTimeOffset.MinValue;

    /// <summary>
    /// Rows kept: a prediction sent again with an actual has a newer row and keeps its older one until that row's
    /// segment is dropped.
    /// </summary>
    public long Count { get; private set; }

    /// <summary>
    /// Sealed segments consulted by lookups since activation (their rows searched for an id the index names them for):
    /// a diagnostic of the cost of a lookup, which does not grow with the number of segments.
    /// </summary>
    public long Probes { get; private set; }

    /// <summary>
    /// Lookups that took the segments <see cref="ReadForAsync"/> had found for their id instead of probing the index again:
    /// a diagnostic of the one lookup a registration costs.
    /// </summary>
    public long ReusedLookups { get; private set; }

    /// <summary>Epochs of the window's index, each a probe of a lookup: a few per fourteenth of the window.</summary>
    public int Epochs => _index.Count;

    /// <summary>The memory of the index of the window's ids: its epochs, and the keys of filters not yet stored.</summary>
    public long IndexBytes => _index.Bytes + _segments.Sum(s => s.Filter is { } filter ? filter.Hashes.Length * (long)JoinSegmentFilter.BytesPerRow : 0);

    /// <summary>Gives back the memory of the index (it lies outside the managed heap) as the shard deactivates; nothing is looked up after.</summary>
    public void ReleaseIndex()
    {
        _index.Clear();
        _changes++;
    }

    /// <summary>What the shard holds in memory and in storage; the memory bound is on rows in memory.</summary>
    public JoinFootprint Footprint(int held) => new(
        Count,
        _resident.Sum(s => (long)s.RowCount),
        _segments.Count,
        _resident.Count,
        _segments.Sum(s => s.Sealed ? s.RowCount * (long)JoinSegmentFilter.BytesPerRow : 0),
        held)
    {
        IndexBytes = IndexBytes,
        Probes = Probes,
    };

    /// <summary>
    /// Reads the filters of the segments the head lists (several at a time) and indexes them, and the rows of a segment
    /// that has none (the open one, or one whose filter was not written before a crash), then those of any segment
    /// written after the head was last persisted.
    /// </summary>
    public async Task LoadAsync()
    {
        head.Segments.Sort();
        foreach (var numbers in head.Segments.ToList().Chunk(ConcurrentReads))
        {
            var slots = await Task.WhenAll(numbers.Select(ReadSlotAsync));
            for (var i = 0; i < numbers.Length; i++)
            {
                if (slots[i] is { } slot)
                {
                    Add(slot);
                }
                else
                {
                    head.Segments.Remove(numbers[i]);
                }
            }
        }

        // A segment written just before a crash that stopped the head from recording it is adopted, not lost.
        while (await ReadUnsealedAsync(head.NextSegment) is { } orphan)
        {
            Add(orphan);
            head.Segments.Add(head.NextSegment);
            head.NextSegment++;
        }

        EvictToBudget();
    }

    /// <summary>
    /// Reads the rows of every segment <see cref="FindAll(string)"/> will look in for <paramref name="predictionIds"/> (every
    /// segment whose filter may hold the id: another version's row of the same id may be in an older one), and keeps
    /// them in memory until <see cref="EvictToBudget"/>: a call reads what it needs before it changes anything, so a
    /// read the store refuses fails the call with nothing applied.
    /// </summary>
    public async Task ReadForAsync(IEnumerable<string> predictionIds)
    {
        ArgumentNullException.ThrowIfNull(predictionIds);
        var changes = _changes;
        ForgetRead();
        var slots = new List<JoinSegmentSlot>();
        foreach (var id in predictionIds)
        {
            Candidates(JoinSegmentFilter.KeyOf(id), slots);
            for (var i = 0; i < slots.Count; i++)
            {
                if (!slots[i].Loaded)
                {
                    await LoadRowsAsync(slots[i]);
                }

                if (slots[i].Sealed)
                {
                    _readSealed.Add(slots[i]);
                }
            }

            _readIds.Add(id);
            _readEnds.Add(_readSealed.Count);
        }

        // Kept only if nothing was sealed or dropped while it read.
        _readAt = _changes == changes ? changes : -1;
    }

    /// <summary>
    /// The current row of the prediction <paramref name="predictionId"/> in each series that scored it (the newest row
    /// of that series: a record sent again has a newer row), newest first; its segments were read by
    /// <see cref="ReadForAsync"/>.
    /// </summary>
    public List<JoinRow> FindAll(string predictionId)
    {
        var found = new List<JoinRow>(1);
        FindAll(predictionId, found);
        return found;
    }

    /// <summary>
    /// <see cref="FindAll(string)"/> into <paramref name="found"/>, which is cleared first: a shard looking up every
    /// prediction of a batch reuses one list, and allocates nothing for an id it does not hold.
    /// </summary>
    public void FindAll(string predictionId, List<JoinRow> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        found.Clear();
        if (!TakeRead(predictionId, _found))
        {
            Candidates(JoinSegmentFilter.KeyOf(predictionId), _found);
        }

        foreach (var slot in _found)
        {
            Probes += slot.Sealed ? 1 : 0;
            if (!slot.Loaded)
            {
                throw new InvalidOperationException($"label-join segment {slot.Number} was not read before prediction {predictionId} was looked up");
            }

            for (var row = slot.Newest(predictionId); row >= 0; row = slot.Older(row))
            {
                var series = slot.Segment!.Rows.Series(row);
                if (IndexOfSeries(found, series) < 0)
                {
                    slot.LastUsed = ++_uses;
                    found.Add(new JoinRow(slot, row));
                }
            }
        }
    }

    /// <summary>Where in <paramref name="rows"/> (answered by <see cref="FindAll(string)"/>) the row of <paramref name="series"/> is, or −1.</summary>
    public static int IndexOfSeries(List<JoinRow> rows, SeriesId series)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Rows.Series(rows[i].Row) == series)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The first actual counted for a row of <paramref name="rows"/> (answered by <see cref="FindAll(string)"/>), or null.</summary>
    public static JoinActual? FirstActual(List<JoinRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var (slot, row) in rows)
        {
            if (slot.Segment!.Rows.Actual(row) is { } actual)
            {
                return actual;
            }
        }

        return null;
    }

    /// <summary>Keeps row <paramref name="row"/> of <paramref name="source"/> with <paramref name="actual"/> as the prediction's current row.</summary>
    public void Append(PendingPredictions source, int row, JoinActual? actual, DateTimeOffset now)
    {
        var slot = Open(now);
        var target = slot.Segment!;
        if (!ReferenceEquals(_mapSource, source) || !ReferenceEquals(_mapTarget, target))
        {
            _map = target.Rows.MapTablesOf(source);
            _mapSource = source;
            _mapTarget = target;
        }

        var copy = target.Rows.CopyRow(source, row, _map!, actual);
        slot.Added(copy);
        Count++;
        target.LastArrival = now > target.LastArrival ? now : target.LastArrival;
        slot.Changed = true;
    }

    /// <summary>Sets the actual of a row <see cref="FindAll(string)"/> answered.</summary>
    public static void SetActual(JoinRow at, JoinActual actual)
    {
        at.Slot.Segment!.Rows.SetActual(at.Row, actual);
        at.Slot.RowChanged(at.Row);
    }

    /// <summary>Adds <paramref name="slice"/> to the slices of a row <see cref="FindAll(string)"/> answered; false when the row was in it already.</summary>
    public static bool AddSlice(JoinRow at, SliceKey slice)
    {
        if (!at.Slot.Segment!.Rows.AddSlice(at.Row, slice))
        {
            return false;
        }

        at.Slot.RowChanged(at.Row);
        return true;
    }

    /// <summary>Drops every segment whose newest prediction arrived a join window or more before <paramref name="now"/>; true if any was.</summary>
    public bool Expire(DateTimeOffset now, TimeSpan window)
    {
        if (_segments.Count == 0 || _oldestLastArrival + window > now)
        {
            return false;
        }

        var expired = _segments.Where(s => s.LastArrival + window <= now).ToList();
        foreach (var slot in expired)
        {
            _segments.Remove(slot);
            _byNumber.Remove(slot.Number);
            _resident.Remove(slot);
            head.Segments.Remove(slot.Number);
            Count -= slot.RowCount;
            // Only the records' version tags are needed to delete them; the rows and the filter go now.
            slot.Record.State = new JoinSegment { Number = slot.Number };
            slot.FilterRecord.State = slot.FilterRecord.RecordExists ? new JoinSegmentFilter { Number = slot.Number } : null!;
            _dropped.Add(slot);
        }

        _oldestLastArrival = _segments.Count == 0 ? DateTimeOffset.MinValue : _segments.Min(s => s.LastArrival);
        _index.Expire(now, window);
        if (expired.Count > 0)
        {
            _changes++;
            _mapSource = null;
            _mapTarget = null;
            _map = null;
        }

        return expired.Count > 0;
    }

    /// <summary>
    /// Writes the segments that changed and the filters not yet written, in ascending order and none past one that
    /// failed, so a crash never leaves a written segment behind an unwritten one, where activation would not look for
    /// it; then deletes the dropped ones, and lets sealed rows beyond the cache leave memory. Throws what the store
    /// threw; what was not done is done by the next call. With <paramref name="sealedOnly"/> (to make room in the cache
    /// between the shard's writes) only the sealed segments are written: the open one is the newest, so none written is
    /// behind it, and a dropped one stays listed until the shard's record is written.
    /// </summary>
    public async Task PersistAsync(bool sealedOnly = false)
    {
        foreach (var slot in _segments.Where(s => s.Changed || s.FilterUnwritten || (s.Sealed && s.Chunks.Any)).ToList())
        {
            if (!slot.Sealed)
            {
                if (sealedOnly)
                {
                    continue;
                }

                await slot.Chunks.WriteAsync(storage, grain, writes, slot, RowsName(slot.Number));
                slot.Changed = false;
                continue;
            }

            if (slot.Changed)
            {
                await writes.WriteAsync(storage, RowsName(slot.Number), grain, slot.Record);
                slot.Changed = false;
            }

            // Once the rows are written whole, the chunks they were stored as go — before the filter, so a segment
            // listed with a filter never has chunks beside it.
            if (slot.Chunks.Any)
            {
                await slot.Chunks.DeleteAsync(storage, grain, writes);
            }

            if (slot.FilterUnwritten)
            {
                await writes.WriteAsync(storage, FilterName(slot.Number), grain, slot.FilterRecord);
                slot.FilterUnwritten = false;
                slot.ReleaseKeys();
            }
        }

        // The filter first: a segment listed with its rows and no filter is read whole (and dropped again), never the
        // other way round, where a filter would point at rows that are gone.
        foreach (var slot in sealedOnly ? [] : _dropped.ToList())
        {
            if (slot.Chunks.Any)
            {
                await slot.Chunks.DeleteAsync(storage, grain, writes);
            }

            if (slot.FilterRecord.State is not null)
            {
                await writes.ClearAsync(storage, FilterName(slot.Number), grain, slot.FilterRecord);
                slot.FilterRecord.State = null!;
            }

            await writes.ClearAsync(storage, RowsName(slot.Number), grain, slot.Record);
            _dropped.Remove(slot);
        }

        EvictToBudget();
    }

    /// <summary>Whether sealed segments in memory pass the cache only because their changed rows are unwritten.</summary>
    public bool MustWriteToEvict => CachedSlots().Count() > cachedSegments && CachedSlots().Any(s => s.Changed);

    /// <summary>Lets the least recently used sealed segments whose rows are written leave memory, down to the cache's size.</summary>
    public void EvictToBudget()
    {
        var cached = CachedSlots().ToList();
        if (cached.Count <= cachedSegments)
        {
            return;
        }

        foreach (var slot in cached.Where(s => !s.Changed).OrderBy(s => s.LastUsed).Take(cached.Count - cachedSegments))
        {
            slot.Evict();
            _resident.Remove(slot);
        }
    }

    // Sealed segments whose rows are in memory; the open segment is not counted against the cache.
    private IEnumerable<JoinSegmentSlot> CachedSlots() => _resident.Where(s => s.Sealed);

    // The segments that may hold an id of the key, newest first: the open one (only the newest segment is unsealed),
    // then the sealed ones the index names that have not expired.
    private void Candidates(ulong key, List<JoinSegmentSlot> slots)
    {
        slots.Clear();
        if (_segments.Count > 0 && !_segments[^1].Sealed)
        {
            slots.Add(_segments[^1]);
        }

        _numbers.Clear();
        _index.SegmentsOf(key, _numbers);
        _numbers.Sort(static (a, b) => b.CompareTo(a));
        foreach (var number in _numbers)
        {
            if (_byNumber.TryGetValue(number, out var slot))
            {
                slots.Add(slot);
            }
        }
    }

    // The segments of the next id ReadForAsync read, if it is this one (the same string) and they still hold.
    private bool TakeRead(string predictionId, List<JoinSegmentSlot> slots)
    {
        if (_readAt != _changes)
        {
            // Segments were sealed or dropped since: nothing read holds, and the batch's ids need not be kept.
            if (_readIds.Count > 0)
            {
                ForgetRead();
            }

            return false;
        }

        if (_readNext >= _readIds.Count || !ReferenceEquals(_readIds[_readNext], predictionId))
        {
            return false;
        }

        slots.Clear();
        if (_segments.Count > 0 && !_segments[^1].Sealed)
        {
            slots.Add(_segments[^1]);
        }

        for (var i = _readNext == 0 ? 0 : _readEnds[_readNext - 1]; i < _readEnds[_readNext]; i++)
        {
            slots.Add(_readSealed[i]);
        }

        ReusedLookups++;
        if (++_readNext == _readIds.Count)
        {
            ForgetRead();
        }

        return true;
    }

    private void ForgetRead()
    {
        _readIds.Clear();
        _readEnds.Clear();
        _readSealed.Clear();
        (_readNext, _readAt) = (0, -1);
    }

    private void Seal(JoinSegmentSlot slot)
    {
        slot.Seal();
        Index(slot);
    }

    // Indexes a sealed segment (held by the shard, so that merging epochs keeps it); its keys leave memory once its
    // filter is stored.
    private void Index(JoinSegmentSlot slot)
    {
        _changes++;
        _index.Add(slot.Filter!, _byNumber.ContainsKey);
        if (!slot.FilterUnwritten)
        {
            slot.ReleaseKeys();
        }
    }

    // Only the newest segment may take more rows: one read without its filter (a crash left it unwritten, or the shard
    // was stored before filters) is sealed as soon as a newer one is read, and may then leave memory.
    private void Add(JoinSegmentSlot slot)
    {
        if (_segments.Count > 0 && !_segments[^1].Sealed)
        {
            Seal(_segments[^1]);
        }

        _oldestLastArrival = _segments.Count == 0 || slot.LastArrival < _oldestLastArrival ? slot.LastArrival : _oldestLastArrival;
        if (slot.Loaded)
        {
            _resident.Add(slot);
        }

        _segments.Add(slot);
        _byNumber.Add(slot.Number, slot);
        Count += slot.RowCount;
        if (slot.Sealed)
        {
            Index(slot);
        }

        EvictToBudget();
    }

    private JoinSegmentSlot Open(DateTimeOffset now)
    {
        if (_segments.Count > 0)
        {
            var last = _segments[^1];
            if (!last.Sealed && last.Segment!.Rows.Count < segmentRows && now - last.Segment.FirstArrival < sealAfter)
            {
                return last;
            }

            if (!last.Sealed)
            {
                Seal(last);
                last.LastUsed = ++_uses;
            }
        }

        var number = head.NextSegment++;
        var slot = new JoinSegmentSlot(number);
        slot.Load(new GrainState<JoinSegment>(new JoinSegment { Number = number, FirstArrival = now, LastArrival = now }));
        _oldestLastArrival = _segments.Count == 0 ? now : _oldestLastArrival;
        _segments.Add(slot);
        _byNumber.Add(number, slot);
        _resident.Add(slot);
        head.Segments.Add(number);
        return slot;
    }

    private async Task LoadRowsAsync(JoinSegmentSlot slot)
    {
        var record = await ReadRowsAsync(slot.Number) ?? throw new InvalidOperationException(
            $"label-join segment {slot.Number} of {grain} has a filter but no rows in storage");
        slot.Load(record);
        _resident.Add(slot);
        slot.LastUsed = ++_uses;
    }

    // A listed segment: its filter if it has one (rows read on demand), else its rows; null when neither is stored.
    private async Task<JoinSegmentSlot?> ReadSlotAsync(int number)
    {
        var slot = new JoinSegmentSlot(number);
        await storage.ReadStateAsync(FilterName(number), grain, slot.FilterRecord);
        if (slot.FilterRecord is { RecordExists: true, State: { } filter } && filter.Number == number)
        {
            return slot;
        }

        return await ReadUnsealedAsync(number);
    }

    // A segment without a filter: its rows record, if any, and the chunks stored after it; null when neither is stored.
    private async Task<JoinSegmentSlot?> ReadUnsealedAsync(int number)
    {
        var (rows, chunks) = await JoinSegmentChunks.ReadAsync(storage, grain, number, await ReadRowsAsync(number));
        if (rows is null)
        {
            return null;
        }

        var slot = new JoinSegmentSlot(number);
        slot.Load(rows, chunks);
        return slot;
    }

    private async Task<GrainState<JoinSegment>?> ReadRowsAsync(int number)
    {
        var record = new GrainState<JoinSegment>();
        await storage.ReadStateAsync(RowsName(number), grain, record);
        return record is { RecordExists: true, State: { } found } && found.Number == number ? record : null;
    }

    private static string RowsName(int segment) => $"join-segment-{segment}";

    private static string FilterName(int segment) => $"join-filter-{segment}";
}
