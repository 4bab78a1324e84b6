namespace OrleansEval.Models;

/// <summary>A half-open event-time interval [From, To), snapped outward to bucket boundaries.</summary>
[GenerateSerializer]
[Alias("OrleansEval.TimeWindow")]
[Immutable]
public sealed record TimeWindow([property: Id(0)] DateTimeOffset From, [property: Id(1)] DateTimeOffset To)
{
    /// <summary>Widens [from, to) to whole buckets of <paramref name="bucket"/> (UTC-aligned from the Unix epoch).</summary>
    public static TimeWindow Snap(DateTimeOffset from, DateTimeOffset to, TimeSpan bucket)
    {
        var size = bucket.Ticks;
        var start = from.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var end = to.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var snappedStart = start - Mod(start, size);
        var endRemainder = Mod(end, size);
        var snappedEnd = endRemainder == 0 ? end : end + (size - endRemainder);
        return new TimeWindow(
            new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + snappedStart, TimeSpan.Zero),
            new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + snappedEnd, TimeSpan.Zero));
    }

    /// <summary>Start (Unix seconds) of the bucket of size <paramref name="bucket"/> holding <paramref name="time"/>.</summary>
    public static long BucketStart(DateTimeOffset time, TimeSpan bucket)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return (ticks - Mod(ticks, bucket.Ticks)) / TimeSpan.TicksPerSecond;
    }

    /// <summary>True when the bucket starting at <paramref name="bucketStart"/> (Unix seconds) lies in this window.</summary>
    public bool Contains(long bucketStart) =>
        bucketStart >= From.ToUnixTimeSeconds() && bucketStart < To.ToUnixTimeSeconds();

    private static long Mod(long value, long size) => ((value % size) + size) % size;
}
