using System.Globalization;
using OrleansEval.Baselines;
using OrleansEval.Grains.Features;
using OrleansEval.Grains.Hosting;
using OrleansEval.Sketches.Binning;

namespace OrleansEval.Benchmarks;

/// <summary>
/// Bytes of one numeric feature bucket as a column grain holds it, at several fill levels: built with the service's
/// default <see cref="ColumnSettings"/> and one active baseline of 10 bins, as <see cref="NumericBucket.Create"/> builds
/// it, and filled with lognormal values rounded to cents (a basket value).
/// </summary>
/// <remarks>
/// In-memory size is the growth of the live heap, <see cref="GC.GetTotalMemory(bool)"/> with a forced full collection
/// before and after holding many such buckets, divided by their number: it counts what the buckets keep reachable, with
/// object headers and padding, and nothing else. <see cref="GC.GetAllocatedBytesForCurrentThread"/> would also count
/// what filling threw away (the buffers of every KLL compaction, the arrays a growing level replaced), which is churn,
/// not footprint. Neither sees the collector's own overhead (free space between objects, reserved segments); the load
/// generator's footprint mode reads that from the server's resident set. Persisted size is the length of
/// <see cref="NumericBucket.Serialize"/>, the bytes the grain state stores per bucket. A column grain holds a bucket that
/// records are arriving for live (hot), its bytes made for each write and let go once written; one that received
/// nothing for a persist interval only as its stored bytes (cold).
/// </remarks>
internal static class BucketFootprint
{
    /// <summary>The per-bucket target of the performance issue, in memory and persisted.</summary>
    public const int BudgetBytes = 8 * 1024;

    /// <summary>Fill levels: in exact mode, at the exact capacity, just past it, and far past it.</summary>
    public static readonly int[] FillLevels = [10, 100, 512, 600, 10_000, 1_000_000];

    // Enough buckets that one bucket's share of the heap delta is not noise, few enough that filling stays quick.
    private const long ValuesPerLevel = 20_000_000;

    private static readonly ColumnSettings Settings = ColumnSettings.From(new OrleansEvalOptions());

    public static void Print(TextWriter output)
    {
        var baselines = OneBaseline();
        output.WriteLine($"numeric bucket: k = {Settings.QuantileK}, exact capacity {Settings.BucketExactCapacity}, one active baseline of " +
            $"{baselines.Values.Single().BinCount} bins; lognormal values; budget {BudgetBytes:N0} B");
        output.WriteLine();
        output.WriteLine($"{"values",10} {"buckets",8} {"live (B)",10} {"read back (B)",14} {"persisted (B)",14} {"stored copy (B)",16} {"hot: live (B)",15} {"cold: stored (B)",17}");
        foreach (var values in FillLevels)
        {
            var row = Measure(values, baselines);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{values,10:N0} {row.Buckets,8:N0} {row.Live,10:N0} {row.ReadBack,14:N0} {row.Persisted,14:N0} {row.StoredCopy,16:N0} {Judge(row.Live),15} {Judge(row.StoredCopy),17}"));
        }

        output.WriteLine();
        output.WriteLine("live: a bucket filled in place; read back: the same bytes deserialized, as after a grain activation;");
        output.WriteLine("persisted: the largest Serialize() length; stored copy: that byte array on the heap;");
        output.WriteLine("hot: a bucket records are arriving for (live; its bytes exist only while a write is under way); cold: one idle for a persist interval (stored copy only).");
    }

    private static string Judge(double bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} {(bytes <= BudgetBytes ? "(yes)" : "(no)")}");

    private static Row Measure(int values, IReadOnlyDictionary<string, BinEdges> baselines)
    {
        var count = (int)Math.Clamp(ValuesPerLevel / values, 20, 2_000);
        var buckets = new NumericBucket[count];
        var stored = new byte[count][];
        var readBack = new NumericBucket[count];
        var random = new Random(values);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < count; i++)
        {
            buckets[i] = NumericBucket.Create(Settings, baselines, Settings.BucketExactCapacity);
            for (var j = 0; j < values; j++)
            {
                buckets[i].Add(BasketValue(random), baselines);
            }
        }

        var afterFill = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < count; i++)
        {
            stored[i] = buckets[i].Serialize();
        }

        var afterSerialize = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < count; i++)
        {
            readBack[i] = NumericBucket.Read(stored[i]);
        }

        var afterRead = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(buckets);
        GC.KeepAlive(readBack);
        return new Row(
            count,
            (afterFill - before) / (double)count,
            (afterRead - afterSerialize) / (double)count,
            stored.Max(s => s.Length),
            (afterSerialize - afterFill) / (double)count);
    }

    private static Dictionary<string, BinEdges> OneBaseline()
    {
        var random = new Random(1);
        var reference = new double[10_000];
        for (var i = 0; i < reference.Length; i++)
        {
            reference[i] = BasketValue(random);
        }

        return new Dictionary<string, BinEdges>(StringComparer.Ordinal)
        {
            [BaselineCounterKey.For("training", 1)] = BinEdges.FromQuantiles(reference, 10),
        };
    }

    private static double BasketValue(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Round(Math.Exp(3.8 + (0.9 * normal)), 2);
    }

    private sealed record Row(int Buckets, double Live, double ReadBack, int Persisted, double StoredCopy);
}
