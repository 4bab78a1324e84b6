using OrleansEval.Models;

namespace OrleansEval.Grains.Rollups;

/// <summary>
/// The UTC days whose buckets a grain merged into one bucket keyed by the day's start, and the one rule for reading
/// its buckets: a bucket covers [start, start + its length) — a day for a rolled-up day, the model's bucket otherwise —
/// and a record of a rolled-up day belongs to the day's bucket.
/// </summary>
/// <param name="days">The set in the grain's persisted state; the day bucket and this set are written together.</param>
internal sealed class RolledUpDays(HashSet<long> days)
{
    /// <summary>Key of the bucket that holds records of the bucket starting at <paramref name="bucketStart"/>.</summary>
    public long KeyOf(long bucketStart)
    {
        var day = DayRollup.DayOf(bucketStart);
        return days.Contains(day) ? day : bucketStart;
    }

    /// <summary>True when the bucket keyed by <paramref name="key"/> is a rolled-up day.</summary>
    public bool IsDay(long key) => days.Contains(key);

    /// <summary>
    /// True when the bucket keyed by <paramref name="key"/> overlaps the window. Windows are snapped to bucket
    /// boundaries, so a bucket of the model's size overlaps exactly when its start lies in the window.
    /// </summary>
    public bool Overlaps(long key, TimeWindow window) =>
        days.Contains(key)
            ? key < window.To.ToUnixTimeSeconds() && key + DayRollup.DaySeconds > window.From.ToUnixTimeSeconds()
            : window.Contains(key);

    /// <summary>What a question about <paramref name="window"/> is answered for: the window widened over the rolled-up days it cuts.</summary>
    public TimeWindow Cover(TimeWindow window) => DayRollup.Widen(window, days.Contains);

    /// <summary>The days, not rolled up yet, of the buckets that start before <paramref name="dueBefore"/>.</summary>
    public IEnumerable<long> Pending(IEnumerable<long> ascendingStarts, long dueBefore)
    {
        var last = long.MinValue;
        foreach (var start in ascendingStarts)
        {
            if (start >= dueBefore)
            {
                yield break;
            }

            var day = DayRollup.DayOf(start);
            if (day != last && !days.Contains(day))
            {
                last = day;
                yield return day;
            }
        }
    }

    /// <summary>
    /// Replaces the buckets of each of <paramref name="dueDays"/> by one bucket keyed by the day's start, combined from
    /// them in ascending order. Returns the starts that no longer have a bucket.
    /// </summary>
    public static List<long> Merge<TBucket>(SortedDictionary<long, TBucket> buckets, IReadOnlySet<long> dueDays, Func<IReadOnlyList<TBucket>, TBucket> combine)
    {
        var byDay = buckets.Where(b => dueDays.Contains(DayRollup.DayOf(b.Key))).GroupBy(b => DayRollup.DayOf(b.Key)).ToList();
        var removed = new List<long>();
        foreach (var day in byDay)
        {
            var parts = day.ToList();
            foreach (var (start, _) in parts)
            {
                buckets.Remove(start);
                if (start != day.Key)
                {
                    removed.Add(start);
                }
            }

            buckets.Add(day.Key, combine([.. parts.Select(p => p.Value)]));
        }

        return removed;
    }

    /// <summary>Records the days as rolled up, once every bucket of theirs was merged.</summary>
    public void Add(IEnumerable<long> rolledUp) => days.UnionWith(rolledUp);
}
