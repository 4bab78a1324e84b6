using Orleans.Storage;
using OrleansEval.Actuals;
using OrleansEval.Grains.Persistence;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// How the open segment of a join shard is stored while it fills: not rewritten whole on every persist, but as chunks
/// (<c>join-chunk-&lt;segment&gt;-&lt;k&gt;</c>), each the rows appended between two persists, written once — again only
/// when a late actual changes one of its rows. The segment's own rows record (its base) is written whole when it is
/// sealed, then the chunks are deleted, newest first, so the chunks in storage are always a prefix of the numbering.
/// A segment stored before chunks, or whose chunks a crash left beside a newer base, is read from its base and written
/// whole once more, which supersedes the chunks; so is one that has reached <see cref="MaxChunks"/> chunks (a slow
/// model's segment, a few rows a tick), so that activation never reads more than that many.
/// </summary>
internal sealed class JoinSegmentChunks(int segment)
{
    /// <summary>Chunks an open segment is stored as at most; then its base is written whole and they are deleted.</summary>
    public const int MaxChunks = 64;

    // The chunk records stored, by number, with their version tags (the rows are not kept once written).
    private readonly List<GrainState<JoinSegment>> _records = [];
    private readonly List<(int First, int Count)> _ranges = [];
    private readonly SortedSet<int> _dirty = [];

    /// <summary>Rows stored, in the base and the chunks.</summary>
    public int StoredRows { get; private set; }

    /// <summary>The base must be written whole (and the chunks deleted): a row it holds changed, or stale chunks lie beside it.</summary>
    public bool BaseChanged { get; private set; }

    /// <summary>Whether chunk records are stored.</summary>
    public bool Any => _records.Count > 0;

    /// <summary>
    /// Reads the chunks of segment <paramref name="number"/> after its <paramref name="stored"/> base (null when it has
    /// none); the merged rows, or null when neither base nor chunk is stored.
    /// </summary>
    public static async Task<(GrainState<JoinSegment>? Rows, JoinSegmentChunks Chunks)> ReadAsync(IGrainStorage storage, GrainId grain, int number, GrainState<JoinSegment>? stored)
    {
        var chunks = new JoinSegmentChunks(number) { StoredRows = stored?.State?.Rows.Count ?? 0 };
        var rows = stored;
        for (var k = 0; ; k++)
        {
            var record = new GrainState<JoinSegment>();
            await storage.ReadStateAsync(Name(number, k), grain, record);
            if (record is not { RecordExists: true, State: { } chunk } || chunk.Number != number)
            {
                break;
            }

            chunks._records.Add(record);
            record.State = new JoinSegment { Number = number };
            if (chunks.BaseChanged || chunk.FirstRow != chunks.StoredRows)
            {
                // Rows the base already holds (a crash came between its write and the chunks' deletion), or past a gap.
                chunks.BaseChanged = true;
                continue;
            }

            rows ??= new GrainState<JoinSegment>(new JoinSegment { Number = number, FirstArrival = chunk.FirstArrival, LastArrival = chunk.LastArrival });
            Append(rows.State!, chunk);
            chunks._ranges.Add((chunk.FirstRow, chunk.Rows.Count));
            chunks.StoredRows += chunk.Rows.Count;
        }

        return (rows, chunks);
    }

    /// <summary>Notes that row <paramref name="row"/> of the open segment changed: its chunk, or the base, is written again.</summary>
    public void RowChanged(int row)
    {
        if (row >= StoredRows)
        {
            return;
        }

        var chunk = _ranges.FindIndex(r => row >= r.First && row < r.First + r.Count);
        if (chunk < 0)
        {
            BaseChanged = true;
        }
        else
        {
            _dirty.Add(chunk);
        }
    }

    /// <summary>
    /// Stores the open segment's rows: the base whole when it must be (then deletes the chunks), else the changed chunks
    /// again and the rows appended since the last persist as a new chunk. Throws what the store threw; what was not
    /// written is written by the next call.
    /// </summary>
    public async Task WriteAsync(IGrainStorage storage, GrainId grain, GrainWrites writes, JoinSegmentSlot slot, string baseName)
    {
        var segment = slot.Segment!;
        BaseChanged |= _records.Count >= MaxChunks;
        if (BaseChanged)
        {
            await writes.WriteAsync(storage, baseName, grain, slot.Record);
            StoredRows = segment.Rows.Count;
            await DeleteAsync(storage, grain, writes);
            BaseChanged = false;
            return;
        }

        foreach (var chunk in _dirty.ToList())
        {
            await WriteChunkAsync(storage, grain, writes, segment, chunk);
            _dirty.Remove(chunk);
        }

        if (segment.Rows.Count > StoredRows)
        {
            // A chunk whose write failed is written again, with the rows appended since.
            if (_ranges.Count == 0 || _ranges[^1].First + _ranges[^1].Count <= StoredRows)
            {
                _records.Add(new GrainState<JoinSegment>());
                _ranges.Add((StoredRows, 0));
            }

            _ranges[^1] = (_ranges[^1].First, segment.Rows.Count - _ranges[^1].First);
            await WriteChunkAsync(storage, grain, writes, segment, _records.Count - 1);
            StoredRows = segment.Rows.Count;
        }
    }

    /// <summary>Deletes the chunk records, newest first, so that those left by a failure are still a prefix.</summary>
    public async Task DeleteAsync(IGrainStorage storage, GrainId grain, GrainWrites writes)
    {
        for (var k = _records.Count - 1; k >= 0; k--)
        {
            await writes.ClearAsync(storage, Name(segment, k), grain, _records[k]);
            _records.RemoveAt(k);
            if (k < _ranges.Count)
            {
                _ranges.RemoveAt(k);
            }
        }

        _dirty.Clear();
    }

    private static void Append(JoinSegment segment, JoinSegment chunk)
    {
        var map = segment.Rows.MapTablesOf(chunk.Rows);
        for (var row = 0; row < chunk.Rows.Count; row++)
        {
            segment.Rows.CopyRow(chunk.Rows, row, map, chunk.Rows.Actual(row));
        }

        segment.LastArrival = chunk.LastArrival > segment.LastArrival ? chunk.LastArrival : segment.LastArrival;
    }

    private async Task WriteChunkAsync(IGrainStorage storage, GrainId grain, GrainWrites writes, JoinSegment segment, int k)
    {
        var (first, count) = _ranges[k];
        var rows = new PendingPredictions();
        var map = rows.MapTablesOf(segment.Rows);
        for (var row = first; row < first + count; row++)
        {
            rows.CopyRow(segment.Rows, row, map, segment.Rows.Actual(row));
        }

        var record = _records[k];
        record.State = new JoinSegment { Number = segment.Number, FirstArrival = segment.FirstArrival, LastArrival = segment.LastArrival, FirstRow = first, Rows = rows };
        await writes.WriteAsync(storage, Name(segment.Number, k), grain, record);

        // Only the version tag is kept: the rows are the segment's.
        record.State = new JoinSegment { Number = segment.Number };
    }

    private static string Name(int segment, int chunk) => $"join-chunk-{segment}-{chunk}";
}
