using OrleansEval.Ingest;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// A series' rows of one day waiting to be written, encoded as they arrive into column buffers of fixed sizes rented
/// from pools (<see cref="RowChunkPools"/>): per row its event time, arrival, revision, number and slot in the day and
/// its prediction id's characters, and per column (features, the prediction and actual columns, tags) its numbers or
/// codes into the day's distinct categories. No row keeps its batch: a batch's column chunks and ids, the grain call's own objects, are garbage as
/// soon as it is applied instead of being held until the next persist, which outlived the young generations and left
/// gen 2 full of free space; the buffers go back to their pools when the rows are written, so the next interval's rows
/// land in the same arrays (docs/architecture.md, the row store, "buffers of fixed sizes").
/// </summary>
internal sealed class PendingRows : IDisposable
{
    /// <summary>Rows in a chunk: a column of 2,048 numbers is 16 KiB, below the large-object threshold.</summary>
    public const int ChunkRows = 2_048;

    /// <summary>Characters of prediction ids in a chunk: 64 KiB.</summary>
    internal const int IdChunkChars = 32 * 1_024;

    private readonly RowChunkPools _pools;
    private readonly List<long[]> _times = [];
    private readonly List<long[]> _arrived = [];
    private readonly List<long[]> _revisions = [];
    private readonly List<long[]> _numbers = [];
    private readonly List<long[]> _slots = [];

    // Where each row's id is: the chunk in the high half, the first character in the low half, and its length; an id
    // longer than a chunk is kept as its string, at -(index + 1).
    private readonly List<long[]> _idStarts = [];
    private readonly List<int[]> _idLengths = [];
    private readonly List<char[]> _idChunks = [];
    private readonly List<string> _longIds = [];
    private int _idUsed = IdChunkChars;

    private readonly Dictionary<string, PendingColumn> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingColumn> _tags = new(StringComparer.Ordinal);

    /// <summary>Rows whose chunks come from the silo's shared pools.</summary>
    public PendingRows()
        : this(RowChunkPools.Shared)
    {
    }

    /// <summary>Rows whose chunks come from <paramref name="pools"/>.</summary>
    public PendingRows(RowChunkPools pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        _pools = pools;
    }

    /// <summary>Rows held.</summary>
    public int Count { get; private set; }

    /// <summary>The columns of the rows' batches (features, then prediction and actual columns), in order of first use.</summary>
    public List<string> Columns { get; } = [];

    /// <summary>The newest event time of the rows.</summary>
    public DateTimeOffset Newest { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>The oldest event time of the rows.</summary>
    public DateTimeOffset Oldest { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>The tags some row carries, in ordinal order.</summary>
    public List<string> Tags => [.. _tags.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// <paramref name="batch"/>'s columns and tags matched once to these rows' buffers, for every row of the batch added
    /// here; held only while the batch is added, so no row keeps it.
    /// </summary>
    public BatchColumns Of(AppliedRows batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var columns = batch.Columns.Select(c => (Column(_pools, _columns, c, Columns), batch.Chunk(c))).ToArray();
        var tags = batch.Batch.Rows.Tags.Select(t => (Column(_pools, _tags, t.Name, null), t)).ToArray();
        return new BatchColumns(this, batch, columns, tags);
    }

    /// <summary>Adds record <paramref name="index"/> of a batch, numbered <paramref name="row"/> in its day and kept in reservoir slot <paramref name="slot"/>, copying what the row store keeps of it.</summary>
    public void Add(BatchColumns columns, int index, long row, long slot)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Owner != this)
        {
            throw new ArgumentException("the batch's columns were matched to another day's rows", nameof(columns));
        }

        var batch = columns.Batch;
        var at = Count % ChunkRows;
        if (at == 0)
        {
            foreach (var list in (List<long[]>[])[_times, _arrived, _revisions, _numbers, _slots, _idStarts])
            {
                list.Add(_pools.Longs.Rent());
            }

            _idLengths.Add(_pools.Ints.Rent());
        }

        var chunk = Count / ChunkRows;
        var time = batch.Timestamps[index];
        Newest = time > Newest ? time : Newest;
        Oldest = time < Oldest ? time : Oldest;
        _times[chunk][at] = time.UtcTicks;
        _arrived[chunk][at] = batch.Arrived.UtcTicks;
        _revisions[chunk][at] = batch.Batch.Revision;
        _numbers[chunk][at] = row;
        _slots[chunk][at] = slot;
        (_idStarts[chunk][at], _idLengths[chunk][at]) = AddId(batch.Batch.Rows.PredictionIds[index]);

        foreach (var (values, source) in columns.Columns)
        {
            if (source is null)
            {
                continue;
            }

            if (!source.Numbers.IsDefaultOrEmpty)
            {
                values.SetNumber(Count, source.Numbers[index]);
            }
            else
            {
                values.SetCategory(Count, source.Category(index));
            }
        }

        foreach (var (values, tag) in columns.Tags)
        {
            values.SetCategory(Count, tag[index]);
        }

        Count++;
    }

    /// <summary>Row <paramref name="row"/>'s event time.</summary>
    public DateTimeOffset Time(int row) => new(_times[row / ChunkRows][row % ChunkRows], TimeSpan.Zero);

    /// <summary>When the store took row <paramref name="row"/>'s batch.</summary>
    public DateTimeOffset Arrived(int row) => new(_arrived[row / ChunkRows][row % ChunkRows], TimeSpan.Zero);

    /// <summary>The model revision row <paramref name="row"/>'s batch was counted under.</summary>
    public long Revision(int row) => _revisions[row / ChunkRows][row % ChunkRows];

    /// <summary>Row <paramref name="row"/>'s number in its day.</summary>
    public long Number(int row) => _numbers[row / ChunkRows][row % ChunkRows];

    /// <summary>Row <paramref name="row"/>'s reservoir slot.</summary>
    public long Slot(int row) => _slots[row / ChunkRows][row % ChunkRows];

    /// <summary>Row <paramref name="row"/>'s prediction id as a string.</summary>
    public string PredictionId(int row) => _idStarts[row / ChunkRows][row % ChunkRows] < 0 ? _longIds[LongId(row)] : new string(IdOf(row));

    /// <summary>Whether some row's batch gave <paramref name="column"/> numbers (it is written as a numeric column then).</summary>
    public bool IsNumeric(string column) => _columns.TryGetValue(column, out var values) && values.HasNumbers;

    /// <summary>Row <paramref name="row"/>'s number in <paramref name="column"/>: NaN when missing, absent or a category.</summary>
    public double NumberOf(string column, int row) => _columns.TryGetValue(column, out var values) ? values.Number(row) : double.NaN;

    /// <summary>Row <paramref name="row"/>'s category in <paramref name="column"/>: null when missing, absent or a number.</summary>
    public string? CategoryOf(string column, int row) => _columns.TryGetValue(column, out var values) ? values.Category(row) : null;

    /// <summary>The values of <paramref name="column"/>, to be read row by row without looking the column up again; null when no row has it.</summary>
    internal PendingColumn? ValuesOf(string column) => _columns.GetValueOrDefault(column);

    /// <summary>The values of tag <paramref name="tag"/>, as <see cref="ValuesOf"/>; null when no row has it.</summary>
    internal PendingColumn? TagValuesOf(string tag) => _tags.GetValueOrDefault(tag);

    /// <summary>Row <paramref name="row"/>'s value of tag <paramref name="tag"/>, null when it has none.</summary>
    public string? TagOf(string tag, int row) => _tags.TryGetValue(tag, out var values) ? values.Category(row) : null;

    /// <summary>
    /// The rows, as their numbers here, newest first — among equal event times prediction ids in ordinal order, then
    /// the row's number in its day — as consecutive runs of at most <see cref="ChunkRows"/>; a run is valid until the
    /// next is asked for. Each chunk is sorted on its own and the chunks are merged, so no array of all the rows is made.
    /// </summary>
    public IEnumerable<ReadOnlyMemory<int>> NewestFirst()
    {
        var order = Comparer<int>.Create(Compare);
        var chunks = (Count + ChunkRows - 1) / ChunkRows;
        var sorted = new List<int[]>(chunks);
        var run = _pools.Ints.Rent();
        try
        {
            var next = new PriorityQueue<int, int>(chunks, order);
            var at = new int[chunks];
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                var rows = _pools.Ints.Rent();
                sorted.Add(rows);
                var length = Length(chunk);
                for (var i = 0; i < length; i++)
                {
                    rows[i] = (chunk * ChunkRows) + i;
                }

                Array.Sort(rows, 0, length, order);
                next.Enqueue(chunk, rows[0]);
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
            foreach (var rows in sorted)
            {
                _pools.Ints.Return(rows);
            }

            _pools.Ints.Return(run);
        }
    }

    /// <summary>Gives the buffers back to their pools; the rows are gone.</summary>
    public void Dispose()
    {
        foreach (var list in (List<long[]>[])[_times, _arrived, _revisions, _numbers, _slots, _idStarts])
        {
            list.ForEach(_pools.Longs.Return);
            list.Clear();
        }

        _idLengths.ForEach(_pools.Ints.Return);
        _idLengths.Clear();
        _idChunks.ForEach(_pools.Chars.Return);
        _idChunks.Clear();
        _longIds.Clear();
        _idUsed = IdChunkChars;
        foreach (var values in _columns.Values.Concat(_tags.Values))
        {
            values.Dispose();
        }

        _columns.Clear();
        _tags.Clear();
        Columns.Clear();
        Count = 0;
    }

    private static PendingColumn Column(RowChunkPools pools, Dictionary<string, PendingColumn> columns, string name, List<string>? order)
    {
        if (!columns.TryGetValue(name, out var values))
        {
            values = new PendingColumn(pools);
            columns.Add(name, values);
            order?.Add(name);
        }

        return values;
    }

    private (long Start, int Length) AddId(string id)
    {
        if (id.Length > IdChunkChars)
        {
            _longIds.Add(id);
            return (-_longIds.Count, id.Length);
        }

        if (_idUsed + id.Length > IdChunkChars)
        {
            _idChunks.Add(_pools.Chars.Rent());
            _idUsed = 0;
        }

        id.CopyTo(_idChunks[^1].AsSpan(_idUsed));
        var start = ((long)(_idChunks.Count - 1) << 32) | (uint)_idUsed;
        _idUsed += id.Length;
        return (start, id.Length);
    }

    // The characters of a row's id held in a chunk.
    private ReadOnlySpan<char> IdOf(int row)
    {
        var start = _idStarts[row / ChunkRows][row % ChunkRows];
        return _idChunks[(int)(start >> 32)].AsSpan((int)(uint)start, _idLengths[row / ChunkRows][row % ChunkRows]);
    }

    private int LongId(int row) => (int)(-_idStarts[row / ChunkRows][row % ChunkRows]) - 1;

    private ReadOnlySpan<char> IdSpan(int row) => _idStarts[row / ChunkRows][row % ChunkRows] < 0 ? _longIds[LongId(row)] : IdOf(row);

    private int Compare(int x, int y)
    {
        var byTime = _times[y / ChunkRows][y % ChunkRows].CompareTo(_times[x / ChunkRows][x % ChunkRows]);
        if (byTime != 0)
        {
            return byTime;
        }

        // Ordinal: the characters' UTF-16 code units, as string.CompareOrdinal orders them.
        var byId = IdSpan(x).SequenceCompareTo(IdSpan(y));
        return byId != 0 ? Math.Sign(byId) : Number(x).CompareTo(Number(y));
    }

    private int Length(int chunk) => chunk < ((Count + ChunkRows - 1) / ChunkRows) - 1 ? ChunkRows : Count - (chunk * ChunkRows);

    /// <summary>A batch's columns and tags, each with the buffer of these rows it goes to (see <see cref="Of"/>).</summary>
    internal sealed class BatchColumns
    {
        internal BatchColumns(PendingRows owner, AppliedRows batch, (PendingColumn Values, ColumnChunk? Source)[] columns, (PendingColumn Values, CodedColumn Tag)[] tags) =>
            (Owner, Batch, Columns, Tags) = (owner, batch, columns, tags);

        internal PendingRows Owner { get; }

        internal AppliedRows Batch { get; }

        internal (PendingColumn Values, ColumnChunk? Source)[] Columns { get; }

        internal (PendingColumn Values, CodedColumn Tag)[] Tags { get; }
    }

    /// <summary>One column's values by row, in chunks rented on first use: numbers (NaN for none) or category codes (-1).</summary>
    internal sealed class PendingColumn(RowChunkPools pools) : IDisposable
    {
        private readonly List<double[]?> _numbers = [];
        private readonly List<int[]?> _codes = [];
        private readonly Dictionary<string, int> _codeOf = new(StringComparer.Ordinal);
        private readonly List<string> _labels = [];

        public bool HasNumbers { get; private set; }

        public void SetNumber(int row, double value)
        {
            HasNumbers = true;
            Chunk(_numbers, pools.Doubles, row, double.NaN)[row % ChunkRows] = value;
        }

        public void SetCategory(int row, string? value)
        {
            var code = -1;
            if (value is not null && !_codeOf.TryGetValue(value, out code))
            {
                code = _labels.Count;
                _codeOf.Add(value, code);
                _labels.Add(value);
            }

            Chunk(_codes, pools.Ints, row, -1)[row % ChunkRows] = code;
        }

        public double Number(int row) => row / ChunkRows < _numbers.Count && _numbers[row / ChunkRows] is { } chunk ? chunk[row % ChunkRows] : double.NaN;

        public string? Category(int row) => Code(row) is var code and >= 0 ? _labels[code] : null;

        public void Dispose()
        {
            foreach (var chunk in _numbers)
            {
                if (chunk is not null)
                {
                    pools.Doubles.Return(chunk);
                }
            }

            foreach (var chunk in _codes)
            {
                if (chunk is not null)
                {
                    pools.Ints.Return(chunk);
                }
            }
        }

        private int Code(int row) => row / ChunkRows < _codes.Count && _codes[row / ChunkRows] is { } chunk ? chunk[row % ChunkRows] : -1;

        private static T[] Chunk<T>(List<T[]?> chunks, ChunkPool<T> pool, int row, T none)
        {
            var index = row / ChunkRows;
            while (chunks.Count <= index)
            {
                chunks.Add(null);
            }

            if (chunks[index] is not { } chunk)
            {
                chunk = pool.Rent();
                Array.Fill(chunk, none);
                chunks[index] = chunk;
            }

            return chunk;
        }
    }
}
