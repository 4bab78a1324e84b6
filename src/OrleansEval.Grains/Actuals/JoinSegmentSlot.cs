namespace OrleansEval.Grains.Actuals;

/// <summary>
/// One segment as a join shard holds it: always its filter once sealed (the open segment has none), and its rows only
/// while they are in memory — the open segment, and sealed ones in the shard's small cache. Each stored record (rows,
/// filter) is kept with its version tag, so that it can be written or deleted without reading it first.
/// </summary>
internal sealed class JoinSegmentSlot(int number)
{
    // The rows of each prediction id in the segment, newest first: a prediction scored by several versions, or sent
    // again, has a row for each. Built when first asked, forgotten with the rows.
    private JoinIdMap? _rowsById;

    public int Number { get; } = number;

    /// <summary>The rows' record; its state is null while the rows are not in memory.</summary>
    public GrainState<JoinSegment> Record { get; private set; } = new();

    /// <summary>The chunks the open segment is stored as while it fills; deleted once the sealed segment's rows are written.</summary>
    public JoinSegmentChunks Chunks { get; private set; } = new(number);

    /// <summary>The filter's record; its state is null while the segment is open.</summary>
    public GrainState<JoinSegmentFilter> FilterRecord { get; } = new();

    public JoinSegmentFilter? Filter => FilterRecord.State;

    public JoinSegment? Segment => Record.State;

    public bool Loaded => Record.State is not null;

    public bool Sealed => FilterRecord.State is not null;

    /// <summary>The rows changed since they were last written.</summary>
    public bool Changed { get; set; }

    /// <summary>The filter was made and not yet written.</summary>
    public bool FilterUnwritten { get; set; }

    /// <summary>When the shard last read a row of the segment, in the shard's own count of uses (for the cache).</summary>
    public long LastUsed { get; set; }

    public int RowCount => Segment?.Rows.Count ?? Filter!.Rows;

    public DateTimeOffset LastArrival => Filter?.LastArrival ?? Segment!.LastArrival;

    /// <summary>Takes rows read from storage (with their version tag), and the chunks an open segment is stored as.</summary>
    public void Load(GrainState<JoinSegment> record, JoinSegmentChunks? chunks = null)
    {
        Record = record;
        Chunks = chunks ?? Chunks;
        Changed |= Chunks.BaseChanged;
        ForgetIndex();
    }

    /// <summary>
    /// Seals the segment: it takes no more rows, and its filter is made (to be written); rows stored as chunks are
    /// written whole as the segment's own record.
    /// </summary>
    public void Seal()
    {
        Segment!.Rows.TrimExcess();
        FilterRecord.State = JoinSegmentFilter.Of(Segment);
        FilterUnwritten = true;
        Changed |= Chunks.Any;
    }

    /// <summary>Notes that row <paramref name="row"/> changed, so that what stores it is written again.</summary>
    public void RowChanged(int row)
    {
        Changed = true;
        if (!Sealed)
        {
            Chunks.RowChanged(row);
        }
    }

    /// <summary>Forgets the filter's keys once it is stored and indexed, keeping what it says of the segment.</summary>
    public void ReleaseKeys() => (Filter!.Hashes, Filter.Checks) = ([], []);

    /// <summary>Forgets the rows (kept in storage), keeping the version tag of their record.</summary>
    public void Evict()
    {
        Record.State = null!;
        ForgetIndex();
    }

    /// <summary>The newest row of <paramref name="predictionId"/> among the rows in memory, or −1; <see cref="Older"/> walks the rest.</summary>
    public int Newest(string predictionId)
    {
        _rowsById ??= new JoinIdMap(Segment!.Rows);
        return _rowsById.Newest(predictionId);
    }

    /// <summary>The next older row of the same prediction id as <paramref name="row"/> (a row <see cref="Newest"/> led to), or −1.</summary>
    public int Older(int row) => _rowsById!.Older(row);

    /// <summary>Records a row just added to the rows in memory.</summary>
    public void Added(int row) => _rowsById?.Add(row);

    private void ForgetIndex() => _rowsById = null;
}
