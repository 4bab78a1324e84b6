using OrleansEval.Sketches.Categories;
using OrleansEval.Sketches.Moments;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Tests.Serialization;

/// <summary>Fixed sketches built from integer-derived inputs only, so their bytes are the same on every machine.</summary>
internal static class GoldenSketches
{
    public static KllSketch ExactKll()
    {
        var random = new DeterministicRandom(1);
        var sketch = new KllSketch();
        for (var i = 0; i < 100; i++)
        {
            sketch.Update(random.NextInt(50) / 2.0);
        }

        return sketch;
    }

    public static KllSketch ApproximateKll()
    {
        var random = new DeterministicRandom(2);
        var sketch = new KllSketch();
        for (var i = 0; i < 5000; i++)
        {
            sketch.Update((random.NextDouble() * 1000) - 250);
        }

        var other = new KllSketch();
        for (var i = 0; i < 3000; i++)
        {
            other.Update(random.NextInt(1000));
        }

        sketch.Merge(other);
        return sketch;
    }

    public static RunningMoments Moments()
    {
        var random = new DeterministicRandom(3);
        var moments = new RunningMoments();
        var other = new RunningMoments();
        for (var i = 0; i < 1000; i++)
        {
            moments.Update((random.NextDouble() * 100) - 20);
            other.Update(random.NextInt(7));
        }

        moments.Merge(other);
        return moments;
    }

    public static CategoryCounts ExactCategories()
    {
        var counts = new CategoryCounts();
        counts.Update("red", 5);
        counts.Update("green");
        counts.Update("blue", 3);
        counts.Update("green");
        counts.Update(string.Empty);
        counts.Update("ünïcødé", 2);
        counts.Update("日本");
        counts.Update("emoji 😀", 4);
        return counts;
    }

    public static CategoryCounts InexactCategories()
    {
        var random = new DeterministicRandom(4);
        var counts = new CategoryCounts(maxExactCategories: 16, hyperLogLogPrecision: 8);
        for (var i = 0; i < 2000; i++)
        {
            // Skewed toward small indices without floating-point functions.
            counts.Update($"c{random.NextInt(random.NextInt(200) + 1):D3}");
        }

        return counts;
    }

    public static HyperLogLog DistinctItems()
    {
        var estimator = new HyperLogLog(precision: 8);
        for (var i = 0; i < 1000; i++)
        {
            estimator.Add($"item-{i}");
        }

        return estimator;
    }
}
