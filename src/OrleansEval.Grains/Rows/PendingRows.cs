using System.Buffers;
using System.Collections;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// A series' rows of one day waiting to be written, in chunks of <see cref="ChunkRows"/> rented from a pool of that one
/// size. A list of rows grew by doubling into arrays of up to a few megabytes, each on the large object heap and each
/// dead within one persist interval; a chunk is 64 KiB, below the large-object threshold, and goes back to the pool
/// when the rows are written, so the buffers of the next interval are the same arrays (docs/architecture.md, the row
/// store, "buffers of fixed sizes").
/// </summary>
internal sealed class PendingRows : IEnumerable<PendingRow>, IDisposable
{
    /// <summary>Rows in a chunk: 2,048 rows of 32 bytes, 64 KiB.</summary>
    public const int ChunkRows = 2_048;

    // At most 256 idle chunks (16 MiB) are kept; more are left to the collector.
    private static readonly ArrayPool<PendingRow> Pool = ArrayPool<PendingRow>.Create(ChunkRows, 256);

    private readonly List<PendingRow[]> _chunks = [];

    /// <summary>Rows held.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a row.</summary>
    public void Add(PendingRow row)
    {
        var at = Count % ChunkRows;
        if (at == 0)
        {
            _chunks.Add(Pool.Rent(ChunkRows));
        }

        _chunks[^1][at] = row;
        Count++;
    }

    /// <summary>
    /// The rows in the order of <paramref name="order"/>, a total order, as consecutive runs of at most
    /// <see cref="ChunkRows"/> rows; a run is valid until the next is asked for. Each chunk is sorted on its own (in a
    /// rented copy) and the chunks are merged, so no array of all the rows is made.
    /// </summary>
    public IEnumerable<ReadOnlyMemory<PendingRow>> InOrder(IComparer<PendingRow> order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var sorted = new List<PendingRow[]>(_chunks.Count);
        var run = Pool.Rent(ChunkRows);
        try
        {
            var next = new PriorityQueue<int, PendingRow>(_chunks.Count, order);
            var at = new int[_chunks.Count];
            for (var chunk = 0; chunk < _chunks.Count; chunk++)
            {
                var copy = Pool.Rent(ChunkRows);
                sorted.Add(copy);
                var length = Length(chunk);
                Array.Copy(_chunks[chunk], copy, length);
                Array.Sort(copy, 0, length, order);
                if (length > 0)
                {
                    next.Enqueue(chunk, copy[0]);
                }
            }

            var filled = 0;
            while (next.TryDequeue(out var chunk, out var row))
            {
                run[filled++] = row;
                if (++at[chunk] < Length(chunk))
                {
                    next.Enqueue(chunk, sorted[chunk][at[chunk]]);
                }

                if (filled == ChunkRows)
                {
                    yield return run.AsMemory(0, filled);
                    filled = 0;
                }
            }

            if (filled > 0)
            {
                yield return run.AsMemory(0, filled);
            }
        }
        finally
        {
            foreach (var copy in sorted)
            {
                Pool.Return(copy, clearArray: true);
            }

            Pool.Return(run, clearArray: true);
        }
    }

    /// <summary>Gives the chunks back to the pool; the rows are gone.</summary>
    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            Pool.Return(chunk, clearArray: true);
        }

        _chunks.Clear();
        Count = 0;
    }

    public IEnumerator<PendingRow> GetEnumerator()
    {
        for (var chunk = 0; chunk < _chunks.Count; chunk++)
        {
            for (var i = 0; i < Length(chunk); i++)
            {
                yield return _chunks[chunk][i];
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int Length(int chunk) => chunk < _chunks.Count - 1 ? ChunkRows : Count - (chunk * ChunkRows);
}
