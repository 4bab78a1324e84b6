namespace OrleansEval.Server.Memory;

/// <summary>
/// When the <see cref="HeapGovernor"/> compacts gen 2; bound from the "HeapGovernor" section and validated at start.
/// The defaults bound gen 2's free space to about its live size plus 64 MB, checked twice a minute.
/// </summary>
public sealed class HeapGovernorOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "HeapGovernor";

    /// <summary>Whether the governor runs; true by default. <c>HeapGovernor:Enabled=false</c> leaves it out.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often the last collection's gen 2 is read, and the shortest time between two compactions; 30 s by default,
    /// so a compacting pause (tens of milliseconds a hundred megabytes of live gen 2) costs at most one in 30 s.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gen 2's free bytes below which it is never compacted, 64 MB by default: below it, the resident set's growth is
    /// too small to pay a blocking collection for.
    /// </summary>
    public long MinFreeBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How many times gen 2's live bytes its free bytes must also pass, 1 by default: a gen 2 at most half free is
    /// what the collector's own background sweeps keep, and compacting it sooner would pause for little.
    /// </summary>
    public double FreeToLiveRatio { get; set; } = 1.0;

    /// <summary>
    /// How long after a root-cause question ends a compaction still waits, 5 s by default: a compaction's blocking pause
    /// (up to a second on a loaded machine) landed on a question asked right after a bulk load, and questions come in runs.
    /// </summary>
    public TimeSpan QuietAfterQuestion { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest questions may put a due compaction off, 2 minutes by default; then it runs at the next check whatever
    /// is under way, so a steady stream of questions does not let gen 2's holes grow without bound.
    /// </summary>
    public TimeSpan MaxQuestionDeferral { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether the C library's free pages are given back to the system, true by default: its thresholds are fixed at
    /// start (<see cref="NativeHeap.FixThresholds"/>: buffers of 128 KiB or more mapped on their own, arena tops past
    /// 1 MiB given back) and each check trims its arenas (glibc's <c>malloc_trim</c>). Without it, glibc's arenas kept
    /// the high-water mark of native buffers (Brotli's state for the stored segments) resident, growing with the volume
    /// of predictions.
    /// </summary>
    public bool TrimNativeHeap { get; set; } = true;
}
