using OrleansEval.Baselines;
using OrleansEval.Models;

namespace OrleansEval.Grains.Baselines;

/// <summary>The event-time window a baseline covers: its [from, to) snapped to whole buckets, or null for all time.</summary>
internal static class BaselineWindows
{
    public static TimeWindow? Of(BaselineSpec spec, TimeSpan bucket) =>
        spec.From is null && spec.To is null
            ? null
            : TimeWindow.Snap(spec.From ?? DateTimeOffset.UnixEpoch, spec.To ?? new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero), bucket);
}
