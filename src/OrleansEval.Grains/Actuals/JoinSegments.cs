using Orleans.Storage;
using OrleansEval.Actuals;
using OrleansEval.Grains.Persistence;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// The predictions of one join shard, kept in segments of consecutive arrivals, each persisted as a record of its own:
/// a persist writes only the segments that changed (the one filling up, and older ones a late actual touched), and a
/// segment whose newest arrival is older than the join window is dropped whole. An index by prediction id finds a row;
/// when a prediction comes again, its newer row (in a newer segment) is the one the index keeps.
/// </summary>
internal sealed class JoinSegments(
    IGrainStorage storage,
    GrainId grain,
    JoinState head,
    int segmentRows,
    TimeSpan sealAfter,
    GrainWrites writes)
{
    private readonly SortedDictionary<int, Slot> _segments = [];
    private readonly Dictionary<string, RowRef> _index = new(StringComparer.Ordinal);
    private readonly List<Slot> _dropped = [];
    private PendingPredictions? _mapSource;
    private JoinSegment? _mapTarget;
    private PendingPredictions.TableMap? _map;

    /// <summary>
    /// Rows kept: a prediction sent again with an actual has a newer row and keeps its older one until that row's
    /// segment is dropped, so this, not the number of predictions, is what the memory bound counts.
    /// </summary>
    public int Count { get; private set; }

    /// <summary>Reads the segments the head lists, and any written after the head was last persisted.</summary>
    public async Task LoadAsync()
    {
        foreach (var number in head.Segments.ToList())
        {
            var slot = await ReadAsync(number);
            if (slot.Record.RecordExists && slot.Record.State?.Number == number)
            {
                _segments[number] = slot;
            }
            else
            {
                head.Segments.Remove(number);
            }
        }

        // A segment written just before a crash that stopped the head from recording it is adopted, not lost.
        while (await ReadAsync(head.NextSegment) is { Record: { RecordExists: true, State: { } found } } orphan && found.Number == head.NextSegment)
        {
            _segments[head.NextSegment] = orphan;
            head.Segments.Add(head.NextSegment);
            head.NextSegment++;
        }

        foreach (var (number, slot) in _segments)
        {
            var rows = slot.Segment.Rows;
            Count += rows.Count;
            for (var row = 0; row < rows.Count; row++)
            {
                _index[rows.PredictionId(row)] = new RowRef(number, row);
            }
        }
    }

    /// <summary>The rows of the prediction <paramref name="predictionId"/>, if it is kept.</summary>
    public bool TryFind(string predictionId, out PendingPredictions rows, out int row)
    {
        if (_index.TryGetValue(predictionId, out var at))
        {
            rows = _segments[at.Segment].Segment.Rows;
            row = at.Row;
            return true;
        }

        rows = null!;
        row = -1;
        return false;
    }

    /// <summary>Keeps row <paramref name="row"/> of <paramref name="source"/> with <paramref name="actual"/> as the prediction's current row.</summary>
    public void Append(PendingPredictions source, int row, JoinActual? actual, DateTimeOffset now)
    {
        var slot = Open(now);
        var target = slot.Segment;
        if (!ReferenceEquals(_mapSource, source) || !ReferenceEquals(_mapTarget, target))
        {
            _map = target.Rows.MapTablesOf(source);
            _mapSource = source;
            _mapTarget = target;
        }

        var copy = target.Rows.CopyRow(source, row, _map!, actual);
        Count++;
        target.LastArrival = now > target.LastArrival ? now : target.LastArrival;
        slot.Changed = true;
        _index[source.PredictionId(row)] = new RowRef(target.Number, copy);
    }

    /// <summary>Sets the actual of a kept prediction's current row.</summary>
    public void SetActual(string predictionId, JoinActual actual)
    {
        var at = _index[predictionId];
        var slot = _segments[at.Segment];
        slot.Segment.Rows.SetActual(at.Row, actual);
        slot.Changed = true;
    }

    /// <summary>Drops every segment whose newest prediction arrived a join window or more before <paramref name="now"/>; true if any was.</summary>
    public bool Expire(DateTimeOffset now, TimeSpan window)
    {
        var expired = _segments.Values.Where(s => s.Segment.LastArrival + window <= now).ToList();
        foreach (var slot in expired)
        {
            var rows = slot.Segment.Rows;
            for (var row = 0; row < rows.Count; row++)
            {
                var id = rows.PredictionId(row);
                if (_index.TryGetValue(id, out var at) && at.Segment == slot.Number && at.Row == row)
                {
                    _index.Remove(id);
                }
            }

            _segments.Remove(slot.Number);
            head.Segments.Remove(slot.Number);
            Count -= rows.Count;

            // Only the record's version tag is needed to delete it; the rows go now.
            slot.Record.State = new JoinSegment { Number = slot.Number };
            _dropped.Add(slot);
        }

        if (expired.Count > 0)
        {
            _mapSource = null;
            _mapTarget = null;
            _map = null;
        }

        return expired.Count > 0;
    }

    /// <summary>
    /// Writes the segments that changed, in ascending order and none past one that failed, so a crash never leaves a
    /// written segment behind an unwritten one, where activation would not look for it; then deletes the dropped ones.
    /// Throws what the store threw; what was not done is done by the next call.
    /// </summary>
    public async Task PersistAsync()
    {
        foreach (var slot in _segments.Values.Where(s => s.Changed))
        {
            await writes.WriteAsync(storage, StateName(slot.Number), grain, slot.Record);
            slot.Changed = false;
        }

        foreach (var slot in _dropped.ToList())
        {
            await writes.ClearAsync(storage, StateName(slot.Number), grain, slot.Record);
            _dropped.Remove(slot);
        }
    }

    private Slot Open(DateTimeOffset now)
    {
        if (_segments.Count > 0)
        {
            var last = _segments[head.Segments[^1]];
            if (last.Segment.Rows.Count < segmentRows && now - last.Segment.FirstArrival < sealAfter)
            {
                return last;
            }

            last.Segment.Rows.TrimExcess();
        }

        var number = head.NextSegment++;
        var slot = new Slot { Number = number };
        slot.Record.State = new JoinSegment { Number = number, FirstArrival = now, LastArrival = now };
        _segments[number] = slot;
        head.Segments.Add(number);
        return slot;
    }

    private async Task<Slot> ReadAsync(int number)
    {
        var slot = new Slot { Number = number };
        await storage.ReadStateAsync(StateName(number), grain, slot.Record);
        return slot;
    }

    private static string StateName(int segment) => $"join-segment-{segment}";

    private readonly record struct RowRef(int Segment, int Row);

    /// <summary>A segment, the stored record it is read from and written to (with its version tag), and whether it changed since.</summary>
    private sealed class Slot
    {
        public required int Number { get; init; }

        public GrainState<JoinSegment> Record { get; } = new();

        public JoinSegment Segment => Record.State!;

        public bool Changed { get; set; }
    }
}
