using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// The runtime's GC allocation ticks of large objects, as (thread, type, bytes), in the order they are received: the
/// runtime raises one for every 100 kB or so of large-object allocation, so work that allocates no large object raises
/// none. Tests that use it run in <see cref="JoinIndexLargeObjectCollection"/>, alone.
/// </summary>
internal sealed class LargeAllocations : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const uint LargeObjectKind = 1;
    private readonly ConcurrentQueue<(ulong Thread, string Type, ulong Bytes)> _events = new();
    private readonly List<(ulong Thread, string Type, ulong Bytes)> _seen = [];
    private readonly SemaphoreSlim _arrived = new(0);

    // The index in _seen of a marker's own event, waiting for each event as it arrives; a marker is allocated again if
    // no event comes within a second (the runtime's event source may not be enabled yet).
    public int Mark(Func<Array> allocate)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var marker = allocate();
            var type = marker.GetType().FullName;
            var allocated = Stopwatch.GetTimestamp();
            do
            {
                while (_events.TryDequeue(out var e))
                {
                    _seen.Add(e);
                    if (e.Type == type && e.Bytes >= (ulong)Buffer.ByteLength(marker))
                    {
                        GC.KeepAlive(marker);
                        return _seen.Count - 1;
                    }
                }
            }
            while (Stopwatch.GetElapsedTime(allocated) < TimeSpan.FromSeconds(1) && _arrived.Wait(TimeSpan.FromSeconds(1)));
        }

        throw new TimeoutException("the runtime raised no allocation event for a marker in 30 attempts");
    }

    /// <summary>
    /// The large objects <paramref name="work"/> allocates on this thread; it must finish before it returns (work on
    /// memory streams does), so that none of it runs on another thread unseen.
    /// </summary>
    public List<string> During(Func<Task> work)
    {
        var first = Mark(() => new long[40_000]);
        var task = work();
        if (!task.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("the work did not finish on the calling thread", task.Exception);
        }

        var last = Mark(() => new long[40_001]);
        return Between(first, last);
    }

    // The large objects allocated on the markers' thread between two markers.
    public List<string> Between(int first, int last) =>
        [.. _seen.Skip(first + 1).Take(last - first - 1).Where(e => e.Thread == _seen[first].Thread).Select(e => $"{e.Type} of {e.Bytes} bytes")];

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }

        var kind = Convert.ToUInt32(eventData.Payload![eventData.PayloadNames.IndexOf("AllocationKind")], System.Globalization.CultureInfo.InvariantCulture);
        if (kind == LargeObjectKind)
        {
            var type = eventData.Payload[eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var bytes = Convert.ToUInt64(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
            _events.Enqueue((unchecked((ulong)eventData.OSThreadId), type, bytes));
            _arrived.Release();
        }
    }
}
