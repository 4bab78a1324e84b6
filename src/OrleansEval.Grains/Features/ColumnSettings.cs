using OrleansEval.Grains.Hosting;

namespace OrleansEval.Grains.Features;

/// <summary>The sketch sizes a column grain builds its buckets and windows with.</summary>
internal sealed record ColumnSettings(int QuantileK, int BucketExactCapacity, int WindowExactCapacity, int CategoryCap)
{
    public static ColumnSettings From(OrleansEvalOptions options) =>
        new(options.QuantileK, options.BucketExactCapacity, options.WindowExactCapacity, options.CategoryCap);
}
