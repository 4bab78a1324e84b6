using BenchmarkDotNet.Attributes;
using OrleansEval.Sketches.Estimation;
using OrleansEval.Sketches.Performance;

namespace OrleansEval.Benchmarks;

/// <summary>Steady-state <c>Add</c> of the binary performance state and the CBPE state, past their exact score caps.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class PerformanceStateBenchmarks
{
    private BinaryPerformanceState _binary = null!;
    private CbpeState _cbpe = null!;
    private double[] _scores = null!;
    private bool[] _actuals = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(31);
        var reference = BenchmarkData.Uniform(seed: 32, 10_000);
        var referenceActuals = reference.Select(s => random.NextDouble() < s * s).ToArray();
        var calibration = CalibrationMap.FitIsotonic(reference, referenceActuals);

        _binary = new BinaryPerformanceState();
        _cbpe = new CbpeState(calibration);
        foreach (var score in BenchmarkData.Uniform(seed: 33, BenchmarkData.WarmValues))
        {
            _binary.Add(score, score >= 0.5, random.NextDouble() < score);
            _cbpe.Add(score);
        }

        _scores = BenchmarkData.Uniform(seed: 34, BenchmarkData.Batch);
        _actuals = _scores.Select(s => random.NextDouble() < s).ToArray();
    }

    /// <summary>One invocation adds <see cref="BenchmarkData.Batch"/> rows; the table reports the time per row.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkData.Batch)]
    public void BinaryPerformance_Add_PerRow()
    {
        var state = _binary;
        var scores = _scores;
        var actuals = _actuals;
        for (var i = 0; i < scores.Length; i++)
        {
            state.Add(scores[i], scores[i] >= 0.5, actuals[i]);
        }
    }

    /// <summary>One invocation adds <see cref="BenchmarkData.Batch"/> scores; the table reports the time per score.</summary>
    [Benchmark(OperationsPerInvoke = BenchmarkData.Batch)]
    public void Cbpe_Add_PerRow()
    {
        var state = _cbpe;
        foreach (var score in _scores)
        {
            state.Add(score);
        }
    }
}
