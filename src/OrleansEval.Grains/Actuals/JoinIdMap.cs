using System.Numerics;
using OrleansEval.Actuals;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// The rows of each prediction id in one segment's rows: the newest row of an id, and for every row the next older row
/// of the same id (−1 at the oldest). The ids are not copied: a table of row numbers, open-addressed with linear
/// probing, compares the segment's own ids. Both arrays are plain <see cref="int"/> arrays, 8 and 4 bytes a row, so
/// for a segment of the default 4,096 rows they take 32 KiB and 16 KiB and stay off the large object heap, where a
/// dictionary of ids (24 bytes an entry, 116,688 bytes at 4,096) went for every segment read or filled
/// (docs/benchmarks.md, "Rows, examples and worst slices at volume").
/// </summary>
internal sealed class JoinIdMap
{
    private const int Empty = -1;

    private readonly PendingPredictions _rows;
    private int[] _newest;
    private int[] _older;
    private int _ids;

    /// <summary>A map of every row of <paramref name="rows"/>; rows added later are recorded with <see cref="Add"/>.</summary>
    public JoinIdMap(PendingPredictions rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _rows = rows;
        _newest = NewTable(rows.Count);
        _older = new int[Math.Max(rows.Count, 16)];
        for (var row = 0; row < rows.Count; row++)
        {
            Add(row);
        }
    }

    /// <summary>The largest array the map holds, in bytes with its header.</summary>
    public long LargestArrayBytes => 24L + (4L * Math.Max(_newest.Length, _older.Length));

    /// <summary>The newest row of <paramref name="predictionId"/>, or −1 when the rows have none.</summary>
    public int Newest(string predictionId)
    {
        var slot = Find(predictionId);
        return _newest[slot];
    }

    /// <summary>The next older row of the same id as <paramref name="row"/>, or −1.</summary>
    public int Older(int row) => _older[row];

    /// <summary>Records row <paramref name="row"/> of the rows (the next one after those recorded).</summary>
    public void Add(int row)
    {
        if (row >= _older.Length)
        {
            Array.Resize(ref _older, Math.Max(row + 1, _older.Length * 2));
        }

        var id = _rows.PredictionId(row);
        var slot = Find(id);
        if (_newest[slot] == Empty)
        {
            // Kept at most half full, so that a probe ends soon at an empty slot.
            if (2 * (_ids + 1) > _newest.Length)
            {
                Grow();
                slot = Find(id);
            }

            _ids++;
        }

        _older[row] = _newest[slot];
        _newest[slot] = row;
    }

    private static int[] NewTable(int rows)
    {
        var table = new int[Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, 2 * rows)))];
        Array.Fill(table, Empty);
        return table;
    }

    // The slot that holds the id's newest row, or the empty slot where it would go.
    private int Find(string predictionId)
    {
        var mask = _newest.Length - 1;
        for (var slot = StringComparer.Ordinal.GetHashCode(predictionId) & mask; ; slot = (slot + 1) & mask)
        {
            var row = _newest[slot];
            if (row == Empty || string.Equals(_rows.PredictionId(row), predictionId, StringComparison.Ordinal))
            {
                return slot;
            }
        }
    }

    private void Grow()
    {
        var old = _newest;
        _newest = NewTable(old.Length);
        foreach (var row in old)
        {
            if (row != Empty)
            {
                _newest[Find(_rows.PredictionId(row))] = row;
            }
        }
    }
}
