using OrleansEval.Baselines;
using OrleansEval.Grains.Rollups;
using OrleansEval.Models;

namespace OrleansEval.Grains.Baselines;

/// <summary>
/// The event-time window a baseline covers: its [from, to) snapped to whole buckets, and to whole days where it cuts a
/// day that is due for rollup; null for all time.
/// </summary>
internal static class BaselineWindows
{
    public static TimeWindow? Of(BaselineSpec spec, DayRollup rollup, DateTimeOffset now) =>
        spec.From is null && spec.To is null
            ? null
            : rollup.Widen(TimeWindow.Snap(spec.From ?? DateTimeOffset.UnixEpoch, spec.To ?? new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero), rollup.Bucket), now);
}
