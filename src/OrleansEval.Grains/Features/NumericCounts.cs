namespace OrleansEval.Grains.Features;

/// <summary>
/// What a column's exact bin counts need of one numeric bucket: its count of values and its counts on each baseline's
/// bins. It holds the bucket's own counters, so it is taken only of a bucket no record changes any more — one that left
/// memory, or one read back from its bytes — or used at once.
/// </summary>
internal sealed record NumericCounts(long Count, IReadOnlyDictionary<string, long[]> Counters)
{
    private static readonly NumericCounts None = new(0, new Dictionary<string, long[]>());

    /// <summary>
    /// The counts of <paramref name="bucket"/>; a categorical bucket (a column whose values were all of the wrong type)
    /// counts no numeric value, as the drift answer's merge skips it, so it is kept as none rather than decoded again.
    /// </summary>
    public static NumericCounts Of(ColumnBucket bucket) => bucket is NumericBucket numeric ? new(numeric.Count, numeric.Counters) : None;

    /// <summary>
    /// The window's exact counts on the bins of <paramref name="counterKey"/> (<paramref name="binCount"/> of them) summed
    /// over <paramref name="buckets"/>, by the drift answer's rule: null when a bucket with values has no counters for
    /// it (it predates the baseline, so only its sketch can count it) or counters of another length.
    /// </summary>
    public static long[]? Sum(IEnumerable<NumericCounts> buckets, string counterKey, int binCount)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var sums = new long[binCount];
        foreach (var bucket in buckets)
        {
            if (bucket.Count == 0)
            {
                continue;
            }

            if (bucket.Counters.GetValueOrDefault(counterKey) is not { } counters || counters.Length != binCount)
            {
                return null;
            }

            for (var i = 0; i < binCount; i++)
            {
                sums[i] = checked(sums[i] + counters[i]);
            }
        }

        return sums;
    }
}
