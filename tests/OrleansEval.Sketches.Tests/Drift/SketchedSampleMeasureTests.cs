using OrleansEval.Sketches.Drift;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Tests.Drift;

/// <summary>
/// Kolmogorov–Smirnov and Wasserstein computed from KLL sketches: identical to the exact values while both sketches
/// hold every value, and within the sketches' rank-error bound once they have compacted.
/// </summary>
public sealed class SketchedSampleMeasureTests
{
    [Theory]
    [MemberData(nameof(DriftVectorCase.NumericNames), MemberType = typeof(DriftVectorCase))]
    public void KsAndWasserstein_FromSketchesThatHoldEveryValue_MatchTheVectors(string name)
    {
        var vector = DriftVectorCase.Get(name);
        var reference = Sketch(vector.NumericReference, exactCapacity: 100_000);
        var current = Sketch(vector.NumericCurrent, exactCapacity: 100_000);

        var ks = KolmogorovSmirnovTest.Compute(reference.GetSortedView(), current.GetSortedView())!.Value;
        var wasserstein = WassersteinDistance.Compute(reference.GetSortedView(), current.GetSortedView());

        Assert.True(reference.IsExact && current.IsExact);
        NumericAssert.Close(vector.Expected("ks.statistic"), ks.Statistic, $"{name} ks.statistic");
        NumericAssert.ClosePValue(vector.Expected("ks.pvalue"), ks.PValue, $"{name} ks.pvalue");
        NumericAssert.Close(vector.Expected("wasserstein"), wasserstein, $"{name} wasserstein");
    }

    [Fact]
    public void KsAndWasserstein_FromCompactedSketchesOfAMillionValues_StayWithinTheRankErrorBound()
    {
        var random = new Random(20261127);
        var referenceValues = new double[1_000_000];
        var currentValues = new double[1_000_000];
        for (var i = 0; i < referenceValues.Length; i++)
        {
            referenceValues[i] = Normal(random);
            currentValues[i] = (1.1 * Normal(random)) + 0.05;
        }

        var reference = Sketch(referenceValues, KllSketch.DefaultExactCapacity);
        var current = Sketch(currentValues, KllSketch.DefaultExactCapacity);
        var exactReference = QuantileSortedView.FromSample(referenceValues);
        var exactCurrent = QuantileSortedView.FromSample(currentValues);

        var exactKs = KolmogorovSmirnovTest.Compute(exactReference, exactCurrent)!.Value.Statistic;
        var sketchedKs = KolmogorovSmirnovTest.Compute(reference.GetSortedView(), current.GetSortedView())!.Value.Statistic;
        var exactWasserstein = WassersteinDistance.Compute(exactReference, exactCurrent)!.Value;
        var sketchedWasserstein = WassersteinDistance.Compute(reference.GetSortedView(), current.GetSortedView())!.Value;

        // D moves by at most the sum of the two CDF errors; W = ∫|F_ref − F_cur| dx moves by at most that sum times the range.
        var rankBound = reference.RankErrorBound() + current.RankErrorBound();
        var range = Math.Max(reference.MaxValue, current.MaxValue) - Math.Min(reference.MinValue, current.MinValue);
        Assert.False(reference.IsExact || current.IsExact);
        Assert.True(rankBound <= 2 * KllSketch.NormalizedRankError(KllSketch.DefaultK));
        Assert.InRange(Math.Abs(sketchedKs - exactKs), 0, rankBound);
        Assert.InRange(Math.Abs(sketchedWasserstein - exactWasserstein), 0, rankBound * range);
        Assert.NotEqual(exactKs, sketchedKs);
    }

    private static KllSketch Sketch(double[] values, int exactCapacity)
    {
        var sketch = new KllSketch(KllSketch.DefaultK, exactCapacity);
        foreach (var value in values)
        {
            sketch.Update(value);
        }

        return sketch;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
