namespace OrleansEval.Grains.Buckets;

/// <summary>
/// Where in its persist interval a bucket grain's timer ticks: an offset in [0, interval) taken from a stable hash of the
/// grain's key. Grains activated together — every column and slice family of a model, at its first batch — would
/// otherwise tick together for as long as they live, and after a bulk load all copy, encode and serialize their state in
/// the same instant, whose garbage the collector then pauses to move while questions wait. Spread by their keys, a
/// model's hundreds of grains write a few at a time through the interval instead.
/// </summary>
internal static class TickPhase
{
    /// <summary>The offset in [0, <paramref name="interval"/>) at which the grain keyed <paramref name="key"/> ticks; zero for an interval of no length.</summary>
    public static TimeSpan Of(string key, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (interval <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // FNV-1a over the key's UTF-16 code units, then a final mix so that keys differing in their last characters
        // differ in every bit: the same phase in every process and after every activation.
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        hash ^= hash >> 33;
        hash = unchecked(hash * 0xFF51AFD7ED558CCDUL);
        hash ^= hash >> 33;
        return TimeSpan.FromTicks((long)(hash % (ulong)interval.Ticks));
    }
}
