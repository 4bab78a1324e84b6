namespace OrleansEval.Server.Memory;

/// <summary>The governor's decision from gen 2's free and live bytes and the time of its last compaction, with no runtime in it.</summary>
public static class HeapGovernorDecision
{
    /// <summary>How much sooner than a full interval after a compaction a check may still compact: a timer's tick can come a little early.</summary>
    public static readonly TimeSpan TickSlack = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Compact when gen 2's free bytes pass both <see cref="HeapGovernorOptions.MinFreeBytes"/> and
    /// <see cref="HeapGovernorOptions.FreeToLiveRatio"/> × its live bytes, and the last compaction (if any) was at least
    /// <see cref="HeapGovernorOptions.Interval"/> (less <see cref="TickSlack"/>) before <paramref name="now"/>.
    /// </summary>
    public static HeapGovernorVerdict Decide(long freeBytes, long liveBytes, DateTimeOffset? lastCompaction, DateTimeOffset now, HeapGovernorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (freeBytes <= options.MinFreeBytes)
        {
            return HeapGovernorVerdict.BelowMinimum;
        }

        if (freeBytes <= options.FreeToLiveRatio * Math.Max(0, liveBytes))
        {
            return HeapGovernorVerdict.BelowRatio;
        }

        return lastCompaction is { } last && now - last < options.Interval - TickSlack ? HeapGovernorVerdict.TooSoon : HeapGovernorVerdict.Compact;
    }
}
