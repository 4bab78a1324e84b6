namespace OrleansEval.Grains.Buckets;

/// <summary>
/// A small summary of each bucket of a <see cref="BucketStore{TBucket}"/> that is only bytes, taken as it left memory
/// (or when a read first decoded it), so that a question needing only the summaries reads a window of cold buckets
/// without decoding one. A summary stands for its start only while the bucket is not in memory: the stored bytes of a
/// start change only while its bucket is in memory, and it leaves memory again through <see cref="Released"/>, which
/// replaces the summary; a start whose bytes are dropped loses its summary. A bucket whose summary is null (a kind the
/// summary does not describe) is decoded whenever it is read.
/// </summary>
internal sealed class KeptSummaries<TBucket, TSummary>(Func<TBucket, TSummary?> summarize) : IBucketReleases<TBucket>
    where TBucket : class
    where TSummary : class
{
    private readonly Dictionary<long, TSummary> _kept = [];

    /// <summary>How many summaries are kept.</summary>
    public int Count => _kept.Count;

    /// <inheritdoc/>
    public void Released(long start, TBucket bucket) => Keep(start, bucket);

    /// <inheritdoc/>
    public void Dropped(long start) => _kept.Remove(start);

    /// <summary>
    /// The summaries of the readable buckets of <paramref name="store"/> whose start <paramref name="include"/> accepts,
    /// in ascending order of start: a bucket in memory summarized now, one that is only bytes from its kept summary, and
    /// one without a kept summary decoded once and its summary kept.
    /// </summary>
    public IEnumerable<TSummary> Read(BucketStore<TBucket> store, Func<long, bool> include)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(include);
        foreach (var start in store.Starts)
        {
            if (!include(start))
            {
                continue;
            }

            var summary = store.FindInMemory(start) is { } hot ? summarize(hot)
                : _kept.TryGetValue(start, out var kept) ? kept
                : store.Find(start) is { } decoded ? Keep(start, decoded)
                : null;
            if (summary is not null)
            {
                yield return summary;
            }
        }
    }

    private TSummary? Keep(long start, TBucket bucket)
    {
        var summary = summarize(bucket);
        if (summary is null)
        {
            _kept.Remove(start);
        }
        else
        {
            _kept[start] = summary;
        }

        return summary;
    }
}
