using BenchmarkDotNet.Attributes;
using OrleansEval.Sketches.Drift;
using OrleansEval.Sketches.Moments;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Benchmarks;

/// <summary>
/// Every drift measure of a numeric feature from two compacted k = 200 sketches (10⁶ values a side): the sorted views,
/// the 10-bin counts and the reference standard deviation are prepared once, so only the pure math is timed.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class DriftBenchmarks
{
    private const int Features = 100;
    private const int Bins = 10;

    private static readonly DriftOptions FastOptions = new(new KolmogorovSmirnovOptions(FastAsymptotic: true));

    private FeatureInputs[] _features = null!;

    [GlobalSetup(Targets = [nameof(OneFeature_DefaultKs), nameof(OneFeature_FastAsymptoticKs)])]
    public void SetupOne() => _features = [Prepare(0)];

    [GlobalSetup(Targets = [nameof(Report100Features_DefaultKs), nameof(Report100Features_FastAsymptoticKs)])]
    public void SetupReport() => _features = Enumerable.Range(0, Features).Select(Prepare).ToArray();

    [Benchmark]
    public DriftMeasures OneFeature_DefaultKs() => Compute(_features[0], DriftOptions.Default);

    [Benchmark]
    public DriftMeasures OneFeature_FastAsymptoticKs() => Compute(_features[0], FastOptions);

    [Benchmark]
    public double Report100Features_DefaultKs() => Report(DriftOptions.Default);

    [Benchmark]
    public double Report100Features_FastAsymptoticKs() => Report(FastOptions);

    private double Report(DriftOptions options)
    {
        var sum = 0.0;
        foreach (var feature in _features)
        {
            sum += Compute(feature, options).Score("psi") ?? 0;
        }

        return sum;
    }

    private static DriftMeasures Compute(FeatureInputs f, DriftOptions options) =>
        DriftCalculator.ComputeNumeric(f.ReferenceCounts, f.CurrentCounts, f.ReferenceView, f.CurrentView, f.ReferenceStd, options);

    private static FeatureInputs Prepare(int feature)
    {
        var referenceValues = BenchmarkData.Normal(seed: 1_000 + feature, BenchmarkData.WarmValues);
        var reference = new KllSketch(KllSketch.DefaultK);
        var moments = new RunningMoments();
        foreach (var value in referenceValues)
        {
            reference.Update(value);
            moments.Update(value);
        }

        // A mild shift and widening that grows with the feature index: some features drift, some barely.
        var current = BenchmarkData.FullSketch(seed: 2_000 + feature, mean: 0.002 * feature, std: 1 + (0.001 * feature));
        var cuts = new double[Bins - 1];
        for (var i = 0; i < cuts.Length; i++)
        {
            cuts[i] = reference.Quantile((i + 1) / (double)Bins);
        }

        return new FeatureInputs(
            reference.BinCounts(cuts),
            current.BinCounts(cuts),
            reference.GetSortedView(),
            current.GetSortedView(),
            moments.StandardDeviation);
    }

    private sealed record FeatureInputs(
        double[] ReferenceCounts,
        double[] CurrentCounts,
        QuantileSortedView ReferenceView,
        QuantileSortedView CurrentView,
        double ReferenceStd);
}
