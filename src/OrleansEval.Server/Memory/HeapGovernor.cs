using System.Diagnostics.Metrics;
using System.Runtime;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Observability;
using OrleansEval.Grains.RootCause;

namespace OrleansEval.Server.Memory;

/// <summary>
/// Bounds gen 2's free space. The server collector's background collections sweep gen 2 and seldom compact it, so the
/// holes left by the join's sealed segments and the row parts' buffers add up with the volume of predictions while what
/// is alive stays small; the resident set follows the holes. Every <see cref="HeapGovernorOptions.Interval"/> this reads
/// the last collection's gen 2 and, when <see cref="HeapGovernorDecision"/> says so, runs one blocking compacting gen-2
/// collection that compacts the large object heap too, logging and counting the bytes it freed and the pause it cost;
/// and, unless <see cref="HeapGovernorOptions.TrimNativeHeap"/> is off, gives the C library's free pages back to the
/// system (<see cref="NativeHeap.Trim"/>), whose arenas otherwise keep their high-water marks resident.
/// </summary>
internal sealed partial class HeapGovernor(
    IOptions<HeapGovernorOptions> options,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<HeapGovernor> logger,
    QuestionsInFlight? questions = null) : BackgroundService
{
    /// <summary>Compactions run, by the governor.</summary>
    public const string CompactionsCounter = "orleanseval.server.heap_governor.compactions";

    /// <summary>The free bytes of gen 2 and the large object heap a compaction gave back.</summary>
    public const string FreedCounter = "orleanseval.server.heap_governor.freed";

    /// <summary>The pause of each compaction.</summary>
    public const string PauseHistogram = "orleanseval.server.heap_governor.pause";

    /// <summary>Trims of the C library's heap, by the governor.</summary>
    public const string NativeTrimsCounter = "orleanseval.server.heap_governor.native_trims";

    /// <summary>The resident bytes the process gave back over the trims of the C library's heap.</summary>
    public const string NativeReleasedCounter = "orleanseval.server.heap_governor.native_released";

    private readonly Meter _meter = meters.Create(MetricSources.Server);
    private Counter<long>? _compactions;
    private Counter<long>? _freed;
    private Histogram<double>? _pause;
    private Counter<long>? _nativeTrims;
    private Counter<long>? _nativeReleased;
    private DateTimeOffset? _lastCompaction;
    private DateTimeOffset? _deferredSince;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _compactions = _meter.CreateCounter<long>(CompactionsCounter, "{collection}", "Compacting gen-2 collections the heap governor ran.");
        _freed = _meter.CreateCounter<long>(FreedCounter, "By", "The free bytes of gen 2 and the large object heap the heap governor's compactions gave back.");
        _pause = _meter.CreateHistogram(PauseHistogram, "s", "The pause of each compacting gen-2 collection the heap governor ran.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _nativeTrims = _meter.CreateCounter<long>(NativeTrimsCounter, "{trim}", "Trims of the C library's heap the heap governor ran.");
        _nativeReleased = _meter.CreateCounter<long>(NativeReleasedCounter, "By", "The resident bytes the process gave back over the heap governor's trims of the C library's heap.");
        var settings = options.Value;
        LogStarted(logger, (long)settings.Interval.TotalSeconds, settings.MinFreeBytes / 1_000_000, settings.FreeToLiveRatio);
        using var timer = new PeriodicTimer(settings.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Check(settings);
                if (settings.TrimNativeHeap)
                {
                    TrimNative();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private void Check(HeapGovernorOptions settings)
    {
        // Gen 2 and the large object heap each by the same rule: either may hold the holes, and a compaction takes both.
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var (free, live) = Gen2(info);
        var (lohFree, lohLive) = LargeObjectHeap(info);
        var now = time.GetUtcNow();
        var (inFlight, lastEnded) = (questions?.Count ?? 0, questions?.LastEnded);
        var verdicts = new[]
        {
            HeapGovernorDecision.Decide(free, live, _lastCompaction, now, settings, inFlight, lastEnded, _deferredSince),
            HeapGovernorDecision.Decide(lohFree, lohLive, _lastCompaction, now, settings, inFlight, lastEnded, _deferredSince),
        };
        if (!verdicts.Contains(HeapGovernorVerdict.Compact))
        {
            // Put off for questions: counted from the first check that would have compacted.
            _deferredSince = verdicts.Contains(HeapGovernorVerdict.QuestionsUnderWay) ? _deferredSince ?? now : null;
            return;
        }

        _deferredSince = null;
        Compact(now);
    }

    /// <summary>Runs one blocking collection that compacts gen 2 and the large object heap, and logs and counts it.</summary>
    internal void Compact(DateTimeOffset now)
    {
        var before = GC.GetGCMemoryInfo(GCKind.Any);
        var (free, live) = Gen2(before);
        var (lohFree, _) = LargeObjectHeap(before);
        var started = time.GetTimestamp();

        // The large object heap too: the collector never compacts it unless asked, so the holes that large buffers of
        // different sizes leave (Orleans' and the runtime's pools, a row part's or a join segment's arrays) would stay.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var pause = time.GetElapsedTime(started);

        // The check's time, not the collection's end: the next tick, an interval after this one, may compact again.
        _lastCompaction = now;
        var after = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var (freeAfter, liveAfter) = Gen2(after);
        var (lohFreeAfter, _) = LargeObjectHeap(after);
        var freed = Math.Max(0, free + lohFree - freeAfter - lohFreeAfter);
        _compactions?.Add(1);
        _freed?.Add(freed);
        _pause?.Record(pause.TotalSeconds);
        LogCompacted(logger, free / 1_000_000, live / 1_000_000, freeAfter / 1_000_000, liveAfter / 1_000_000, lohFree / 1_000_000, lohFreeAfter / 1_000_000, (long)pause.TotalMilliseconds);
    }

    /// <summary>
    /// Gives the C library's free pages back to the system, and counts the resident bytes the process had less after it.
    /// Native buffers freed by other threads in the meantime count too, and allocations made meanwhile count against it.
    /// </summary>
    internal void TrimNative()
    {
        if (!NativeHeap.IsAvailable)
        {
            return;
        }

        var before = NativeHeap.ResidentBytes();
        var started = time.GetTimestamp();
        NativeHeap.Trim();
        var took = time.GetElapsedTime(started);
        var released = Math.Max(0, (before ?? 0) - (NativeHeap.ResidentBytes() ?? before ?? 0));
        _nativeTrims?.Add(1);
        _nativeReleased?.Add(released);
        LogTrimmed(logger, released / 1_000_000, took.TotalMilliseconds);
    }

    // The large object heap's free and live bytes after the collection the info describes (its generation is the fourth).
    private static (long Free, long Live) LargeObjectHeap(GCMemoryInfo info) => Sizes(info, 3);

    // Gen 2's free bytes (its free list) and live bytes (its size less them) after the collection the info describes.
    private static (long Free, long Live) Gen2(GCMemoryInfo info) => Sizes(info, 2);

    private static (long Free, long Live) Sizes(GCMemoryInfo info, int generation)
    {
        var generations = info.GenerationInfo;
        if (generations.Length <= generation)
        {
            return (0, 0);
        }

        var heap = generations[generation];
        return (heap.FragmentationAfterBytes, Math.Max(0, heap.SizeAfterBytes - heap.FragmentationAfterBytes));
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Heap governor on: gen 2 and the large object heap checked every {IntervalSeconds} s, compacted when either's free space passes {MinFreeMB} MB and {Ratio} x its live bytes")]
    private static partial void LogStarted(ILogger logger, long intervalSeconds, long minFreeMB, double ratio);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Compacted gen 2 and the large object heap in {PauseMs} ms: gen 2 free {FreeMB} -> {FreeAfterMB} MB, live {LiveMB} -> {LiveAfterMB} MB; large object heap free {LohFreeMB} -> {LohFreeAfterMB} MB")]
    private static partial void LogCompacted(ILogger logger, long freeMB, long liveMB, long freeAfterMB, long liveAfterMB, long lohFreeMB, long lohFreeAfterMB, long pauseMs);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Debug, Message = "Trimmed the C library's heap in {Milliseconds:F1} ms: the process resident {ReleasedMB} MB less")]
    private static partial void LogTrimmed(ILogger logger, long releasedMB, double milliseconds);
}
