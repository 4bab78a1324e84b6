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

    /// <summary>
    /// <see cref="Decide(long, long, DateTimeOffset?, DateTimeOffset, HeapGovernorOptions)"/>, and then, where that says
    /// compact, wait while a question is under way (<paramref name="questionsInFlight"/>) or ended less than
    /// <see cref="HeapGovernorOptions.QuietAfterQuestion"/> before <paramref name="now"/> — unless the compaction has been
    /// put off since <paramref name="deferredSince"/> for <see cref="HeapGovernorOptions.MaxQuestionDeferral"/> already, so
    /// that questions never keep gen 2's holes from being given back for long.
    /// </summary>
    public static HeapGovernorVerdict Decide(
        long freeBytes,
        long liveBytes,
        DateTimeOffset? lastCompaction,
        DateTimeOffset now,
        HeapGovernorOptions options,
        int questionsInFlight,
        DateTimeOffset? lastQuestionEnded,
        DateTimeOffset? deferredSince)
    {
        var verdict = Decide(freeBytes, liveBytes, lastCompaction, now, options);
        if (verdict != HeapGovernorVerdict.Compact || (deferredSince is { } since && now - since >= options.MaxQuestionDeferral))
        {
            return verdict;
        }

        return questionsInFlight > 0 || (lastQuestionEnded is { } ended && now - ended < options.QuietAfterQuestion)
            ? HeapGovernorVerdict.QuestionsUnderWay
            : HeapGovernorVerdict.Compact;
    }
}
