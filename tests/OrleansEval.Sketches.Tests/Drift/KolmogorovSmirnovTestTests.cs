using OrleansEval.Sketches.Drift;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Tests.Drift;

public class KolmogorovSmirnovTestTests
{
    [Fact]
    public void Compute_OfIdenticalSamples_HasZeroStatisticAndPValueOne()
    {
        var sample = QuantileSortedView.FromSample([3, 1, 2, 2, 5]);

        var result = KolmogorovSmirnovTest.Compute(sample, QuantileSortedView.FromSample([5, 2, 1, 3, 2]));

        Assert.Equal(new KolmogorovSmirnovResult(0, 1, KolmogorovSmirnovMethod.Exact), result);
    }

    [Fact]
    public void Compute_WithAnEmptyView_IsUndefined()
    {
        var empty = QuantileSortedView.FromSample([]);
        var sample = QuantileSortedView.FromSample([1, 2, 3]);

        Assert.Null(KolmogorovSmirnovTest.Compute(empty, sample));
        Assert.Null(KolmogorovSmirnovTest.Compute(sample, empty));
    }

    [Fact]
    public void Compute_OfWeightedView_EqualsItsExpandedSample()
    {
        var weighted = new QuantileSortedView([1, 2, 3, 7], [2, 1, 3, 4]);
        var expanded = QuantileSortedView.FromSample([1, 1, 2, 3, 3, 3, 7, 7, 7, 7]);
        var other = QuantileSortedView.FromSample([0.5, 2, 2.5, 4, 6, 8, 9]);

        var fromWeighted = KolmogorovSmirnovTest.Compute(weighted, other);
        var fromExpanded = KolmogorovSmirnovTest.Compute(expanded, other);

        Assert.Equal(fromExpanded, fromWeighted);
    }

    [Fact]
    public void Compute_OfHandWorkedSamples_FindsTheLargestCdfGap()
    {
        // F_ref at 1, 2, 3 is 1/3, 2/3, 1; F_cur is 0 there, so D = 1 at x = 3; the paths reaching D = 1 are 2 of C(5, 2).
        var result = KolmogorovSmirnovTest.Compute(QuantileSortedView.FromSample([1, 2, 3]), QuantileSortedView.FromSample([4, 5]));

        Assert.Equal(1.0, result!.Value.Statistic);
        NumericAssert.Close(0.2, result.Value.PValue, "p", relative: 1e-15);
    }

    [Fact]
    public void Compute_WithTiesAcrossSamples_EvaluatesAfterEveryTiedValue()
    {
        // At x = 1 both cdfs jump: F_ref = 2/2, F_cur = 1/2; D must be 1/2, not 1 from a half-applied tie.
        var result = KolmogorovSmirnovTest.Compute(QuantileSortedView.FromSample([1, 1]), QuantileSortedView.FromSample([1, 2]));

        Assert.Equal(0.5, result!.Value.Statistic);
    }

    [Fact]
    public void Compute_WithCellBudgetBelowTheProduct_UsesAsymptoticMethod()
    {
        var reference = QuantileSortedView.FromSample(Enumerable.Range(0, 300).Select(i => i * 0.01).ToArray());
        var current = QuantileSortedView.FromSample(Enumerable.Range(0, 200).Select(i => (i * 0.013) + 0.2).ToArray());

        var capped = KolmogorovSmirnovTest.Compute(reference, current, new KolmogorovSmirnovOptions(ExactCellBudget: 300 * 200 - 1));
        var allowed = KolmogorovSmirnovTest.Compute(reference, current, new KolmogorovSmirnovOptions(ExactCellBudget: 300 * 200));

        Assert.Equal(KolmogorovSmirnovMethod.Asymptotic, capped!.Value.Method);
        Assert.Equal(KolmogorovSmirnovMethod.Exact, allowed!.Value.Method);
        Assert.Equal(capped.Value.Statistic, allowed.Value.Statistic);
    }

    [Fact]
    public void Compute_WithAutoMethodAboveTheSizeLimit_UsesAsymptoticUnlessExactIsForced()
    {
        var reference = new QuantileSortedView([0, 1, 2], [4000, 4000, 2001]);
        var current = QuantileSortedView.FromSample([0.5, 1.5, 2.5, 3.5]);

        var auto = KolmogorovSmirnovTest.Compute(reference, current);
        var exact = KolmogorovSmirnovTest.Compute(reference, current, new KolmogorovSmirnovOptions(KolmogorovSmirnovMethod.Exact));

        Assert.Equal(KolmogorovSmirnovMethod.Asymptotic, auto!.Value.Method);
        Assert.Equal(KolmogorovSmirnovMethod.Exact, exact!.Value.Method);
        Assert.InRange(exact.Value.PValue, 0, 1);
    }

    [Fact]
    public void Compute_OfSketchSizedViewsWithLargeWeights_UsesTotalWeightsAsSampleSizes()
    {
        var reference = new QuantileSortedView([0, 1, 2, 3], [250_000, 250_000, 250_000, 250_000]);
        var current = new QuantileSortedView([0, 1, 2, 3], [240_000, 250_000, 250_000, 260_000]);

        var result = KolmogorovSmirnovTest.Compute(reference, current);

        Assert.Equal(KolmogorovSmirnovMethod.Asymptotic, result!.Value.Method);
        Assert.Equal(0.01, result.Value.Statistic, 15);
        NumericAssert.Close(
            KolmogorovDistribution.Survival(500_000, 0.01),
            result.Value.PValue,
            "p at N = m n / (m + n)",
            relative: 1e-15);
    }

    [Fact]
    public void Compute_WithFastAsymptotic_UsesTheConstantTimeSurvival()
    {
        var reference = new QuantileSortedView([0, 1, 2, 3], [5_000, 5_000, 5_000, 5_000]);
        var current = new QuantileSortedView([0, 1, 2, 3], [4_600, 5_000, 5_000, 5_400]);

        var full = KolmogorovSmirnovTest.Compute(reference, current);
        var fast = KolmogorovSmirnovTest.Compute(reference, current, new KolmogorovSmirnovOptions(FastAsymptotic: true));

        Assert.Equal(KolmogorovDistribution.FastSurvival(10_000, 0.02), fast!.Value.PValue);
        Assert.Equal(KolmogorovDistribution.Survival(10_000, 0.02), full!.Value.PValue);
        NumericAssert.Close(full.Value.PValue, fast.Value.PValue, "fast against full", relative: 2e-3);
    }
}
