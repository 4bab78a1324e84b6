using OrleansEval.Sketches.Quantiles;
using OrleansEval.Sketches.Tests.Serialization;
using Xunit.Abstractions;

namespace OrleansEval.Sketches.Tests.Quantiles;

public class KllSketchSizeTests(ITestOutputHelper output)
{
    private const int HourlyBudgetBytes = 8 * 1024;

    [Fact]
    public void LevelCapacity_DefaultK_DecaysByTwoThirdsToEvenWidthsOfAtLeastEight()
    {
        var capacities = Enumerable.Range(0, 12).Select(depth => KllSketch.LevelCapacity(KllSketch.DefaultK, depth)).ToArray();

        Assert.Equal([200, 134, 90, 60, 40, 28, 18, 12, 8, 8, 8, 8], capacities);
        Assert.Equal(8, KllSketch.LevelCapacity(KllSketch.MaximumK, 62));
    }

    [Fact]
    public void RetainedCount_ApproximateSketch_StaysBelowSummedCapacities()
    {
        var sketch = new KllSketch();
        var random = new DeterministicRandom(4);
        for (var i = 1; i <= 300_000; i++)
        {
            sketch.Update(random.NextDouble());
            if (i > KllSketch.DefaultExactCapacity)
            {
                var summed = Enumerable.Range(0, sketch.LevelCount).Sum(depth => KllSketch.LevelCapacity(KllSketch.DefaultK, depth));
                Assert.InRange(sketch.RetainedCount, 1, summed - 1);
            }
        }
    }

    [Fact]
    public void Serialize_AtExactCapacity_FitsHourlyBudget()
    {
        var sketch = new KllSketch();
        var random = new DeterministicRandom(1);
        for (var i = 0; i < KllSketch.DefaultExactCapacity; i++)
        {
            sketch.Update(random.NextDouble());
        }

        var size = sketch.Serialize().Length;
        output.WriteLine($"exact capacity: {size} bytes");

        Assert.True(sketch.IsExact);
        Assert.Equal(44 + 2 + (KllSketch.DefaultExactCapacity * sizeof(double)), size);
        Assert.InRange(size, 0, HourlyBudgetBytes);
    }

    [Fact]
    public void Serialize_AfterMillionUpdates_FitsHourlyBudget()
    {
        var sketch = new KllSketch();
        var random = new DeterministicRandom(2);
        var largest = 0;
        for (var i = 1; i <= 1_000_000; i++)
        {
            sketch.Update(random.NextDouble());
            if (i % 9973 == 0)
            {
                largest = Math.Max(largest, sketch.Serialize().Length);
            }
        }

        var size = sketch.Serialize().Length;
        output.WriteLine($"10^6 values: {size} bytes, {sketch.RetainedCount} retained; largest seen on the way {largest} bytes");

        Assert.InRange(size, 0, HourlyBudgetBytes);
        Assert.InRange(largest, 0, HourlyBudgetBytes);
    }

    [Fact]
    public void Serialize_CountsUpToTwoToThe62_FitHourlyBudget()
    {
        // Merging a sketch with itself doubles its count, reaching astronomically large counts quickly.
        var sketch = new KllSketch();
        var random = new DeterministicRandom(3);
        for (var i = 0; i < 1 << 20; i++)
        {
            sketch.Update(random.NextDouble());
        }

        var largest = 0;
        while (sketch.Count <= long.MaxValue / 2)
        {
            sketch.Merge(sketch);
            largest = Math.Max(largest, sketch.Serialize().Length);
        }

        output.WriteLine($"count 2^{Math.Log2(sketch.Count):F0}: {sketch.LevelCount} levels, {sketch.RetainedCount} retained, largest {largest} bytes");

        Assert.Equal(1L << 62, sketch.Count);
        Assert.InRange(largest, 0, HourlyBudgetBytes);
        Assert.Throws<OverflowException>(() => sketch.Merge(sketch));
    }
}
