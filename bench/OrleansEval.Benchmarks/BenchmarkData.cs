using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Benchmarks;

/// <summary>Repeatable inputs: every generator takes a fixed seed.</summary>
public static class BenchmarkData
{
    /// <summary>Values fed to a sketch before measuring, far past its exact capacity.</summary>
    public const int WarmValues = 1_000_000;

    /// <summary>Values per measured invocation of the per-value benchmarks.</summary>
    public const int Batch = 1024;

    public static double[] Normal(int seed, int count, double mean = 0, double std = 1)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = mean + (std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }

        return values;
    }

    public static double[] Uniform(int seed, int count)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = random.NextDouble();
        }

        return values;
    }

    public static KllSketch FullSketch(int seed, double mean = 0, double std = 1, int count = WarmValues)
    {
        var sketch = new KllSketch(KllSketch.DefaultK);
        foreach (var value in Normal(seed, count, mean, std))
        {
            sketch.Update(value);
        }

        return sketch;
    }
}
