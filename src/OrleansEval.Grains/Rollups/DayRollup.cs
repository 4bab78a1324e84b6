using OrleansEval.Grains.Hosting;
using OrleansEval.Models;

namespace OrleansEval.Grains.Rollups;

/// <summary>
/// When the buckets of a UTC day are merged into one bucket keyed by the day's start: for a model whose bucket is
/// shorter than a day and divides it, once the day ended at least <see cref="After"/> ago by the store's clock (zero:
/// never). Days become due oldest first, so the due days are every day before one instant.
/// </summary>
internal readonly record struct DayRollup(TimeSpan Bucket, TimeSpan After)
{
    public const long DaySeconds = 86_400;

    public static DayRollup For(TimeSpan bucket, OrleansEvalOptions options) => new(bucket, options.RollupAfter);

    /// <summary>True when the model's buckets are rolled up at all.</summary>
    public bool Applies =>
        After > TimeSpan.Zero && Bucket > TimeSpan.Zero && Bucket < TimeSpan.FromDays(1) && TimeSpan.TicksPerDay % Bucket.Ticks == 0;

    /// <summary>Start (Unix seconds) of the UTC day holding <paramref name="seconds"/>.</summary>
    public static long DayOf(long seconds) => seconds - (((seconds % DaySeconds) + DaySeconds) % DaySeconds);

    /// <summary>
    /// Start (Unix seconds) of the oldest day that is not due at <paramref name="now"/>: a bucket starting before it
    /// belongs to a due day. <see cref="long.MinValue"/> when rollups do not apply.
    /// </summary>
    public long DueBefore(DateTimeOffset now) =>
        Applies ? DayOf(now.ToUnixTimeSeconds() - (After.Ticks / TimeSpan.TicksPerSecond)) : long.MinValue;

    /// <summary>The window widened to whole days at each end that cuts a day due at <paramref name="now"/>.</summary>
    public TimeWindow Widen(TimeWindow window, DateTimeOffset now)
    {
        var dueBefore = DueBefore(now);
        return Widen(window, day => day < dueBefore);
    }

    /// <summary>The window widened to whole days at each end that cuts a day for which <paramref name="rolledUp"/> holds.</summary>
    public static TimeWindow Widen(TimeWindow window, Func<long, bool> rolledUp)
    {
        var from = window.From.ToUnixTimeSeconds();
        var to = window.To.ToUnixTimeSeconds();
        var fromDay = DayOf(from);
        var toDay = DayOf(to);
        var widenedFrom = from != fromDay && rolledUp(fromDay) ? fromDay : from;
        var widenedTo = to != toDay && rolledUp(toDay) ? toDay + DaySeconds : to;
        return widenedFrom == from && widenedTo == to
            ? window
            : new TimeWindow(DateTimeOffset.FromUnixTimeSeconds(widenedFrom), DateTimeOffset.FromUnixTimeSeconds(widenedTo));
    }
}
