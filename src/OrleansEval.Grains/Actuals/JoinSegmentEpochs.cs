namespace OrleansEval.Grains.Actuals;

/// <summary>
/// Which sealed segments of a join shard hold each 40-bit prediction-id key (<see cref="JoinSegmentFilter.KeyOf"/>), for the whole window, as a short list of
/// immutable <see cref="JoinSegmentEpoch"/>s over consecutive runs of segments, so that a lookup costs one probe per
/// epoch however many segments the window holds. A sealed segment enters as an epoch of its own, and an epoch is merged
/// into the one before it while it is at least half as large and the two together span at most
/// <paramref name="span"/> of arrivals (so epochs grow geometrically: a few per span); once a segment comes past a span,
/// the epochs of that span are merged into one. Segments expire one by one as before: an epoch still names an expired
/// segment, which the shard no longer holds and skips, and is dropped once its newest segment has expired — its memory
/// is kept at most <paramref name="span"/> longer than its first segment. An epoch merged into another, or dropped, gives
/// its memory back at once (<see cref="JoinIndexMemory"/>).
/// </summary>
internal sealed class JoinSegmentEpochs(TimeSpan span)
{
    // Oldest run first.
    private readonly List<JoinSegmentEpoch> _epochs = [];

    /// <summary>Epochs a lookup probes.</summary>
    public int Count => _epochs.Count;

    /// <summary>The memory the epochs take.</summary>
    public long Bytes => _epochs.Sum(e => e.Bytes);

    /// <summary>The part of <see cref="Bytes"/> outside the managed heap: the epochs' blocks.</summary>
    public long NativeBytes => _epochs.Sum(e => e.NativeBytes);

    /// <summary>Indexes the ids of a segment just sealed, newer than every segment indexed; <paramref name="keeps"/> says which segments are still held.</summary>
    public void Add(JoinSegmentFilter filter, Func<int, bool> keeps)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var epoch = JoinSegmentEpoch.Of(filter);
        try
        {
            if (_epochs.Count > 0 && !Fits(_epochs[^1], epoch))
            {
                MergeTail(keeps, (older, newer) => Fits(older, newer));
            }
        }
        catch
        {
            epoch.Dispose();
            throw;
        }

        _epochs.Add(epoch);
        MergeTail(keeps, (older, newer) => Fits(older, newer) && newer.Count * 2L >= older.Count);
    }

    /// <summary>Adds to <paramref name="segments"/> the numbers of the segments that may hold an id of <paramref name="key"/>, newest run first.</summary>
    public void SegmentsOf(ulong key, List<int> segments)
    {
        for (var i = _epochs.Count - 1; i >= 0; i--)
        {
            _epochs[i].SegmentsOf(key, segments);
        }
    }

    /// <summary>Drops the epochs whose every segment arrived a join window or more before <paramref name="now"/>.</summary>
    public void Expire(DateTimeOffset now, TimeSpan window)
    {
        _epochs.RemoveAll(e =>
        {
            if (e.LastArrival + window > now)
            {
                return false;
            }

            e.Dispose();
            return true;
        });
    }

    /// <summary>Gives back every epoch's memory; the index holds nothing after.</summary>
    public void Clear()
    {
        foreach (var epoch in _epochs)
        {
            epoch.Dispose();
        }

        _epochs.Clear();
    }

    // Merges the newest epoch into the one before it while the two may be merged.
    private void MergeTail(Func<int, bool> keeps, Func<JoinSegmentEpoch, JoinSegmentEpoch, bool> mayMerge)
    {
        while (_epochs.Count >= 2 && mayMerge(_epochs[^2], _epochs[^1]))
        {
            var (older, newer) = (_epochs[^2], _epochs[^1]);
            var merged = JoinSegmentEpoch.Merge(older, newer, keeps);
            _epochs.RemoveRange(_epochs.Count - 2, 2);
            _epochs.Add(merged);
            older.Dispose();
            newer.Dispose();
        }
    }

    private bool Fits(JoinSegmentEpoch older, JoinSegmentEpoch newer) =>
        newer.LastArrival - older.FirstArrival <= span && (long)older.Count + newer.Count <= JoinSegmentEpoch.MaxPairs;
}
