namespace OrleansEval.Server.Memory;

/// <summary>What the <see cref="HeapGovernor"/> does on a check, and why.</summary>
public enum HeapGovernorVerdict
{
    /// <summary>Gen 2 has less free space than <see cref="HeapGovernorOptions.MinFreeBytes"/>.</summary>
    BelowMinimum,

    /// <summary>Gen 2's free space is not yet <see cref="HeapGovernorOptions.FreeToLiveRatio"/> times its live bytes.</summary>
    BelowRatio,

    /// <summary>Gen 2 was compacted less than <see cref="HeapGovernorOptions.Interval"/> ago.</summary>
    TooSoon,

    /// <summary>Gen 2 is compacted now.</summary>
    Compact,

    /// <summary>
    /// Gen 2 would be compacted, but a question is under way or ended less than
    /// <see cref="HeapGovernorOptions.QuietAfterQuestion"/> ago: the compaction waits for a quiet check.
    /// </summary>
    QuestionsUnderWay,
}
