using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.Rollups;

namespace OrleansEval.Grains.Buckets;

/// <summary>
/// The event-time buckets of a column, or of one member of a slice family, keyed by start (Unix seconds). A bucket is
/// hot (live, taking records) from its first record until a write finds it unchanged for a whole persist interval;
/// then only its bytes in the grain state stand for it, read back when a query, a late record or a rollup needs it.
/// While it is hot the live bucket alone stands for it: its bytes are made for each write and let go once written, so
/// memory holds one form of a bucket, not two.
/// Bytes that cannot be read are moved out of the buckets into quarantine once: from then on the bucket is left out of
/// every answer, a later record for its interval starts a new bucket, and the quarantined bytes are kept as they were.
/// </summary>
/// <param name="stored">The grain state's bytes of these buckets, written with the state.</param>
/// <param name="rolledUp">The grain's rolled-up days, which decide the bucket a record belongs to.</param>
/// <param name="read">Reads a bucket's bytes; throws <see cref="FormatException"/> on bytes it cannot read.</param>
/// <param name="write">Encodes a bucket.</param>
/// <param name="quarantine">Keeps the unreadable bytes of the bucket starting at a start, and reports why.</param>
/// <param name="releases">Told when a bucket leaves memory and when a start's bytes are dropped; none by default.</param>
internal sealed class BucketStore<TBucket>(
    IDictionary<long, byte[]> stored,
    RolledUpDays rolledUp,
    Func<byte[], TBucket> read,
    Func<TBucket, byte[]> write,
    Action<long, byte[], FormatException> quarantine,
    IBucketReleases<TBucket>? releases = null)
    where TBucket : class
{
    private readonly SortedDictionary<long, TBucket> _hot = [];
    private readonly BucketWrites<long> _writes = new();

    /// <summary>
    /// Moves on whenever what the buckets hold may have changed: a bucket handed out for records, days rolled up, bytes
    /// quarantined. Equal revisions of one store hold the same values, so an answer computed from them still holds.
    /// </summary>
    public long Revision { get; private set; }

    /// <summary>How many times a bucket was read back from its bytes since the store was made.</summary>
    public long Decoded { get; private set; }

    /// <summary>The start of every bucket, hot or cold, in ascending order.</summary>
    public SortedSet<long> Starts
    {
        get
        {
            var starts = new SortedSet<long>(stored.Keys);
            starts.UnionWith(_hot.Keys);
            return starts;
        }
    }

    /// <summary>Whether the bucket starting at <paramref name="start"/> is in memory, so that reading it reads no bytes.</summary>
    public bool InMemory(long start) => _hot.ContainsKey(start);

    /// <summary>The bucket starting at <paramref name="start"/> if it is in memory; null, reading no bytes, otherwise.</summary>
    public TBucket? FindInMemory(long start) => _hot.GetValueOrDefault(start);

    /// <summary>The readable bucket starting at <paramref name="start"/>, read back from its bytes when it is not in memory.</summary>
    public TBucket? Find(long start)
    {
        if (_hot.TryGetValue(start, out var bucket))
        {
            return bucket;
        }

        if (!stored.TryGetValue(start, out var bytes))
        {
            return null;
        }

        try
        {
            Decoded++;
            return read(bytes);
        }
        catch (FormatException e)
        {
            // One unreadable bucket must not fail a batch, a query or every later write of its grain.
            stored.Remove(start);
            Revision++;
            releases?.Dropped(start);
            quarantine(start, bytes, e);
            return null;
        }
    }

    /// <summary>The readable buckets whose start <paramref name="include"/> accepts (every one without it), in ascending order of start.</summary>
    public IEnumerable<TBucket> Read(Func<long, bool>? include = null) => ReadWithStarts(include).Select(bucket => bucket.Bucket);

    /// <summary>The readable buckets whose start <paramref name="include"/> accepts, each with its start, in ascending order of start.</summary>
    public IEnumerable<(long Start, TBucket Bucket)> ReadWithStarts(Func<long, bool>? include = null)
    {
        foreach (var start in Starts)
        {
            if ((include is null || include(start)) && Find(start) is { } bucket)
            {
                yield return (start, bucket);
            }
        }
    }

    /// <summary>
    /// The readable buckets of <paramref name="days"/> (each the Unix seconds of a day's start), each with its start, in
    /// ascending order of start: what <see cref="ReadWithStarts"/> gives for those days, without ordering every start.
    /// </summary>
    public IEnumerable<(long Start, TBucket Bucket)> ReadDays(IReadOnlySet<long> days)
    {
        var starts = stored.Keys.Concat(_hot.Keys).Where(start => days.Contains(DayRollup.DayOf(start))).Distinct().Order().ToList();
        foreach (var start in starts)
        {
            if (Find(start) is { } bucket)
            {
                yield return (start, bucket);
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="buckets"/> with the buckets of <paramref name="day"/> (the Unix seconds of its start) in
    /// ascending order of start — what <see cref="ReadDays"/> gives for it — when every one of them is in memory, and
    /// answers true; answers false, decoding nothing, when one of them is only bytes. It looks at each start once and
    /// decodes no bucket.
    /// </summary>
    public bool TryReadDayInMemory(long day, List<(long Start, TBucket Bucket)> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        buckets.Clear();
        foreach (var start in stored.Keys)
        {
            if (DayRollup.DayOf(start) == day && !_hot.ContainsKey(start))
            {
                return false;
            }
        }

        foreach (var (start, bucket) in _hot)
        {
            if (DayRollup.DayOf(start) == day)
            {
                buckets.Add((start, bucket));
            }
        }

        return true;
    }

    /// <summary>One readable bucket: a hot one if there is one, so that no stored one is read for it.</summary>
    public TBucket? Any() => _hot.Values.FirstOrDefault() ?? stored.Keys.ToList().Select(Find).FirstOrDefault(b => b is not null);

    /// <summary>
    /// The bucket that takes records of the bucket starting at <paramref name="bucketStart"/> (its day's, once the day
    /// is rolled up), made hot and marked for the next write; <paramref name="create"/> makes it from its key when
    /// there is none.
    /// </summary>
    public TBucket ForRecords(long bucketStart, Func<long, TBucket> create)
    {
        var key = rolledUp.KeyOf(bucketStart);
        if (!_hot.TryGetValue(key, out var bucket))
        {
            bucket = Find(key) ?? create(key);
            _hot.Add(key, bucket);
        }

        _writes.MarkChanged(key);
        Revision++;
        return bucket;
    }

    /// <summary>The days, not rolled up yet, of the buckets that start before <paramref name="dueBefore"/>.</summary>
    public IEnumerable<long> PendingDays(long dueBefore) => rolledUp.Pending(Starts, dueBefore);

    /// <summary>
    /// Merges the buckets of each of <paramref name="due"/> into one keyed by the day's start, drops the merged ones'
    /// bytes and records the days as rolled up; the day buckets are written next.
    /// </summary>
    public void RollUp(IReadOnlySet<long> due, Func<IReadOnlyList<TBucket>, TBucket> combine)
    {
        foreach (var start in stored.Keys.Where(s => due.Contains(DayRollup.DayOf(s)) && !_hot.ContainsKey(s)).ToList())
        {
            if (Find(start) is { } bucket)
            {
                _hot.Add(start, bucket);
            }
        }

        foreach (var start in RolledUpDays.Merge(_hot, due, combine))
        {
            stored.Remove(start);
            _writes.Forget(start);
            releases?.Dropped(start);
        }

        foreach (var day in due.Where(_hot.ContainsKey))
        {
            _writes.MarkChanged(day);
        }

        rolledUp.Add(due);
        Revision++;
    }

    /// <summary>
    /// Encodes into the stored bytes, ahead of writing the state, the buckets changed since the last write and the hot
    /// ones whose bytes were let go after it, so that the state written holds every bucket. The changed buckets are set
    /// apart as the write's: one changed again before <see cref="Written"/> or <see cref="NotWritten"/> is changed for the
    /// next write.
    /// </summary>
    public void Encode()
    {
        foreach (var (start, bucket) in _hot)
        {
            if (_writes.Changed.Contains(start) || !stored.ContainsKey(start))
            {
                stored[start] = write(bucket);
            }
        }

        _writes.Writing();
    }

    /// <summary>Call after a refused write: the buckets it held are encoded again by the next write.</summary>
    public void NotWritten() => _writes.NotWritten();

    /// <summary>
    /// Call after the state was written: cold buckets leave memory, what was written stays warm until the next write,
    /// and the bytes of the buckets still in memory are let go until the next write encodes them again.
    /// </summary>
    public void Written()
    {
        ReleaseCold();
        _writes.Written();
        foreach (var start in _hot.Keys)
        {
            stored.Remove(start);
        }
    }

    /// <summary>
    /// Gives the hot buckets whose bytes were let go their bytes again, so that the stored bytes alone stand for every
    /// bucket. Call when the grain deactivates: its state may move to a new activation (a graceful shutdown migrates
    /// grains) without being written or read back.
    /// </summary>
    public void EncodeLetGo()
    {
        foreach (var (start, bucket) in _hot)
        {
            if (!stored.ContainsKey(start))
            {
                stored[start] = write(bucket);
            }
        }
    }

    /// <summary>Call after a tick with nothing to write: cold buckets leave memory.</summary>
    public void Idle()
    {
        ReleaseCold();
        _writes.Idle();
    }

    // Buckets that received nothing since the last write are dropped from memory; their stored bytes stand for them. A
    // cold bucket whose bytes were let go is unchanged since the write that stored it, so encoding it again gives the
    // bytes already persisted.
    private void ReleaseCold()
    {
        foreach (var (start, bucket) in _hot.Where(b => _writes.IsCold(b.Key)).ToList())
        {
            if (!stored.ContainsKey(start))
            {
                stored[start] = write(bucket);
            }

            _hot.Remove(start);
            releases?.Released(start, bucket);
        }
    }
}
