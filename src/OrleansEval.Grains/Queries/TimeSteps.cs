using OrleansEval.Models;

namespace OrleansEval.Grains.Queries;

/// <summary>Cuts a window into the steps of a time series: whole multiples of the bucket, or calendar months (UTC).</summary>
internal static class TimeSteps
{
    public const int MaxSteps = 1_000;

    public static (IReadOnlyList<TimeWindow> Windows, string? Error) Split(TimeWindow window, TimeSpan bucket, TimeSpan? step, bool monthly)
    {
        var windows = new List<TimeWindow>();
        if (monthly)
        {
            var start = new DateTimeOffset(window.From.Year, window.From.Month, 1, 0, 0, 0, TimeSpan.Zero);
            for (var from = start; from < window.To; from = from.AddMonths(1))
            {
                windows.Add(new TimeWindow(from < window.From ? window.From : from, from.AddMonths(1) > window.To ? window.To : from.AddMonths(1)));
                if (windows.Count > MaxSteps)
                {
                    return ([], $"the window holds more than {MaxSteps} months");
                }
            }

            return (windows, null);
        }

        if (step is not { } size)
        {
            return (windows, null);
        }

        if (size < bucket || size.Ticks % bucket.Ticks != 0)
        {
            return ([], "must be a whole multiple of the model's bucket");
        }

        if ((window.To - window.From).Ticks / size.Ticks > MaxSteps)
        {
            return ([], $"would make more than {MaxSteps} steps; choose a coarser one");
        }

        for (var from = window.From; from < window.To; from += size)
        {
            windows.Add(new TimeWindow(from, from + size > window.To ? window.To : from + size));
        }

        return (windows, null);
    }

    /// <summary>
    /// Joins consecutive steps whose extents overlap into one step over both extents, so that no bucket is answered in
    /// two steps: the hourly steps of a rolled-up day become one step for the whole day.
    /// </summary>
    public static IReadOnlyList<TimeWindow> Coalesce(IEnumerable<TimeWindow> steps, Func<TimeWindow, TimeWindow> extent)
    {
        var joined = new List<TimeWindow>();
        foreach (var step in steps)
        {
            var covered = extent(step);
            if (joined.Count > 0 && covered.From < joined[^1].To)
            {
                joined[^1] = joined[^1] with { To = covered.To > joined[^1].To ? covered.To : joined[^1].To };
            }
            else
            {
                joined.Add(covered);
            }
        }

        return joined;
    }
}
