using OrleansEval.Baselines;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.RootCause;

/// <summary>Where a baseline's side of a root cause is read: its series over its event-time window, all kept time when open.</summary>
internal static class BaselineRows
{
    private static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The baseline's event-time window; an open end is the row store's earliest or latest time.</summary>
    public static TimeWindow Window(Baseline baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return new TimeWindow(baseline.Spec.From ?? Earliest, baseline.Spec.To ?? Latest);
    }

    /// <summary>The row query that reads the baseline's kept rows.</summary>
    public static RowQuery Query(string modelId, Baseline baseline)
    {
        var window = Window(baseline);
        return new RowQuery(modelId, baseline.Spec.Version, baseline.Spec.Environment, window.From, window.To);
    }

    /// <summary>The baseline's series.</summary>
    public static SeriesId Series(Baseline baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return new SeriesId(baseline.Spec.Version, baseline.Spec.Environment);
    }
}
