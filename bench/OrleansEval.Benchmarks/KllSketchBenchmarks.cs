using BenchmarkDotNet.Attributes;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Benchmarks;

/// <summary>KLL sketch (k = 200) past exact mode: per-value update, merge, and the serialized round trip.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class KllSketchBenchmarks
{
    private KllSketch _steady = null!;
    private KllSketch _left = null!;
    private KllSketch _right = null!;
    private byte[] _serialized = null!;
    private double[] _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _steady = BenchmarkData.FullSketch(seed: 11);
        _left = BenchmarkData.FullSketch(seed: 12);
        _right = BenchmarkData.FullSketch(seed: 13, mean: 0.25, std: 1.5);
        _serialized = _left.Serialize();
        _batch = BenchmarkData.Normal(seed: 14, BenchmarkData.Batch);
    }

    /// <summary>One invocation updates <see cref="BenchmarkData.Batch"/> values; the table reports the time per value.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkData.Batch)]
    public void Update_PerValue()
    {
        var sketch = _steady;
        foreach (var value in _batch)
        {
            sketch.Update(value);
        }
    }

    /// <summary>The merge target must be fresh each time, so this includes one clone; <see cref="Clone"/> gives its share.</summary>
    [Benchmark]
    public KllSketch CloneAndMerge()
    {
        var merged = _left.Clone();
        merged.Merge(_right);
        return merged;
    }

    [Benchmark]
    public KllSketch Clone() => _left.Clone();

    [Benchmark]
    public KllSketch SerializeAndDeserialize() => KllSketch.Deserialize(_left.Serialize());

    [Benchmark]
    public byte[] Serialize() => _left.Serialize();

    [Benchmark]
    public KllSketch Deserialize() => KllSketch.Deserialize(_serialized);
}
