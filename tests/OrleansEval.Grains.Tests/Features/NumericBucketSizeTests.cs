using OrleansEval.Baselines;
using OrleansEval.Grains.Features;
using OrleansEval.Grains.Hosting;
using OrleansEval.Sketches.Binning;
using Xunit.Abstractions;

namespace OrleansEval.Grains.Tests.Features;

public sealed class NumericBucketSizeTests(ITestOutputHelper output)
{
    private const int BucketBudgetBytes = 8 * 1024;

    private static readonly ColumnSettings Settings = ColumnSettings.From(new OrleansEvalOptions());

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(512)]
    [InlineData(600)]
    [InlineData(10_000)]
    [InlineData(1_000_000)]
    public void Serialize_WithOneBaselineOfTenBins_StaysWithinEightKilobytesAtEveryFill(int values)
    {
        var bucket = Filled(values);

        var size = bucket.Serialize().Length;
        output.WriteLine($"{values:N0} values: {size:N0} bytes");

        Assert.Equal(values, bucket.Count);
        Assert.Equal(values, bucket.CountersFor(BaselineKey)!.Sum());
        Assert.InRange(size, 0, BucketBudgetBytes);
    }

    /// <summary>
    /// In exact mode the size is the layout alone: 18 bytes of header, the 46-byte moments block, the sketch block (its
    /// values), and 99 bytes for one baseline's key and 10 counters. Any growth of the format shows here.
    /// </summary>
    [Theory]
    [InlineData(10, 292)]
    [InlineData(100, 1_012)]
    [InlineData(512, 4_309)]
    public void Serialize_InExactMode_HasTheSizeOfItsLayout(int values, int expectedBytes)
    {
        var bucket = Filled(values);

        Assert.True(bucket.Sketch.IsExact);
        Assert.Equal(expectedBytes, bucket.Serialize().Length);
    }

    private static string BaselineKey => BaselineCounterKey.For("training", 1);

    internal static NumericBucket Filled(int values)
    {
        var random = new Random(values);
        var reference = Enumerable.Range(0, 10_000).Select(_ => BasketValue(random)).ToArray();
        var baselines = new Dictionary<string, BinEdges>(StringComparer.Ordinal) { [BaselineKey] = BinEdges.FromQuantiles(reference, 10) };
        var bucket = NumericBucket.Create(Settings, baselines, Settings.BucketExactCapacity);
        for (var i = 0; i < values; i++)
        {
            bucket.Add(BasketValue(random), baselines);
        }

        return bucket;
    }

    private static double BasketValue(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Round(Math.Exp(3.8 + (0.9 * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2))), 2);
    }
}
