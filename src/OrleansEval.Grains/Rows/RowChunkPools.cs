namespace OrleansEval.Grains.Rows;

/// <summary>
/// The pools <see cref="PendingRows"/> rents its chunks from: 2,048-row chunks of <c>long</c> (row fields), <c>double</c>
/// (numbers) and <c>int</c> (codes, id lengths and sort runs), and 64 KiB chunks of prediction id characters. One set is
/// shared by the silo's row grains; each keeps idle what the last few flushes needed (<see cref="ChunkPool{T}"/>).
/// </summary>
internal sealed class RowChunkPools
{
    /// <summary>The silo's pools.</summary>
    public static RowChunkPools Shared { get; } = new();

    public ChunkPool<long> Longs { get; } = new(PendingRows.ChunkRows);

    public ChunkPool<double> Doubles { get; } = new(PendingRows.ChunkRows);

    public ChunkPool<int> Ints { get; } = new(PendingRows.ChunkRows);

    public ChunkPool<char> Chars { get; } = new(PendingRows.IdChunkChars);

    /// <summary>Idle chunks of every pool.</summary>
    public int Idle => Longs.Idle + Doubles.Idle + Ints.Idle + Chars.Idle;

    /// <summary>Chunks of every pool lent and not given back.</summary>
    public int Lent => Longs.Lent + Doubles.Lent + Ints.Lent + Chars.Lent;

    /// <summary>Bytes of the idle chunks of every pool.</summary>
    public long IdleBytes =>
        ((long)Longs.Idle * Longs.Length * sizeof(long)) + ((long)Doubles.Idle * Doubles.Length * sizeof(double)) +
        ((long)Ints.Idle * Ints.Length * sizeof(int)) + ((long)Chars.Idle * Chars.Length * sizeof(char));

    private readonly Lock _gate = new();
    private DateTimeOffset? _trimmed;

    /// <summary>Ends an interval in every pool (<see cref="ChunkPool{T}.Trim"/>); answers the chunks let go.</summary>
    public int Trim() => Longs.Trim() + Doubles.Trim() + Ints.Trim() + Chars.Trim();

    /// <summary>
    /// Ends an interval in every pool at most once per <paramref name="interval"/> (less a tenth, for timers that fire a
    /// little early), whichever of the silo's row grains flushes first: every row grain calls it after its flush, and an
    /// interval counted per flush would let a burst's peak out of the window after a few grains' flushes instead of a
    /// few intervals. Answers the chunks let go.
    /// </summary>
    public int TrimEvery(TimeSpan interval, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_trimmed is { } last && now - last < interval * 0.9)
            {
                return 0;
            }

            _trimmed = now;
        }

        return Trim();
    }
}
