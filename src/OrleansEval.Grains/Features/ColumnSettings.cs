using OrleansEval.Grains.Hosting;

namespace OrleansEval.Grains.Features;

/// <summary>The sketch sizes a column grain builds its buckets and windows with.</summary>
internal sealed record ColumnSettings(int QuantileK, int BucketExactCapacity, int WindowExactCapacity, int CategoryCap)
{
    public static ColumnSettings From(OrleansEvalOptions options) =>
        new(options.QuantileK, options.BucketExactCapacity, options.WindowExactCapacity, options.CategoryCap);

    /// <summary>
    /// Exact capacity of a rolled-up day's sketch: what the day's buckets could hold exactly, up to what a window holds.
    /// A window over rolled-up days is then exact whenever the same window over the days' own buckets was.
    /// </summary>
    public int DayExactCapacity(TimeSpan bucket) =>
        (int)Math.Min((long)BucketExactCapacity * (TimeSpan.TicksPerDay / bucket.Ticks), Math.Max(WindowExactCapacity, BucketExactCapacity));
}
