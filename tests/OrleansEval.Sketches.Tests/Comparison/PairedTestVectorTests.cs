using OrleansEval.Sketches.Comparison;

namespace OrleansEval.Sketches.Tests.Comparison;

/// <summary>
/// The paired tests against reference values computed offline: McNemar with statsmodels 0.13.5
/// (<c>statsmodels.stats.contingency_tables.mcnemar</c>, <c>exact=True</c> below 25 discordant pairs, else
/// <c>exact=False, correction=True</c>), the paired t-test with SciPy 1.10.1 (<c>scipy.stats.ttest_rel</c>), and
/// DeLong's test with R 4.2.2's pROC 1.18.0 (<c>roc.test(roc1, roc2, method = "delong", paired = TRUE)</c>, both
/// curves <c>direction = "&lt;"</c>).
/// </summary>
public sealed class PairedTestVectorTests
{
    [Theory]
    [InlineData(0, 0, "mcnemarExact", 0.0, 1.0)]
    [InlineData(3, 10, "mcnemarExact", 3.0, 0.09228515625)]
    [InlineData(12, 12, "mcnemarExact", 12.0, 1.0)]
    [InlineData(5, 19, "mcnemarExact", 5.0, 0.006610751152038574)]
    [InlineData(5, 20, "mcnemar", 7.84, 0.005110260660855866)]
    [InlineData(30, 45, "mcnemar", 2.6133333333333333, 0.10596880912720207)]
    [InlineData(100, 160, "mcnemar", 13.388461538461538, 0.00025317696951544154)]
    [InlineData(2210, 9248, "mcnemar", 4321.816111014138, 0.0)]
    public void McNemar_MatchesStatsmodels(long onlyFirstRight, long onlySecondRight, string test, double statistic, double pValue)
    {
        var result = McNemarTest.Compute(onlyFirstRight, onlySecondRight);

        Assert.Equal(test, result.Test);
        Assert.Equal(statistic, result.Statistic, 1e-9);
        // The exact binomial p-values to 1e-9, the χ² ones to 1e-6 relative.
        Assert.Equal(pValue, result.PValue, test == "mcnemarExact" ? 1e-9 : Math.Max(1e-300, pValue * 1e-6));
    }

    [Fact]
    public void PairedT_MatchesScipy()
    {
        double[] first = [0.3, 0.36, 0.245, 0.122, 0.209, 0.102, 0.312, 0.568, 0.202, 0.176, 0.398, 0.371, 0.321, 0.114, 0.294, 0.439, 0.031, 0.208, -0.08, 0.042, -0.068, 0.253, 0.047, 0.354];
        double[] second = [0.366, 0.391, 0.043, 0.118, 0.254, 0.163, 0.209, 0.57, 0.154, 0.145, 0.554, 0.34, 0.368, 0.252, 0.286, 0.478, 0.092, 0.264, -0.153, 0.1, 0.118, 0.148, 0.183, 0.416];

        var result = PairedTTest.Compute(first, second);

        Assert.Equal("pairedT", result.Test);
        Assert.Equal(-1.2257645519670595, result.Statistic, 1e-9);
        Assert.Equal(0.23269074390536568, result.PValue, 1e-9);
    }

    [Fact]
    public void PairedT_OfDifferencesThatNeverVary_IsDecidedWithoutDividingByZero()
    {
        Assert.Equal(1, PairedTTest.Compute([1, 2, 3], [1, 2, 3]).PValue);
        Assert.Equal(0, PairedTTest.Compute([2, 3, 4], [1, 2, 3]).PValue);
        Assert.Equal(1, PairedTTest.Compute([5], [1]).PValue);
    }

    [Fact]
    public void PairedT_OfLossesTooLargeToSum_IsUndecided_NotNaN()
    {
        var result = PairedTTest.Compute([1e308, -1e308, 1e308], [-1e308, 1e308, -1e308]);

        Assert.Equal(1, result.PValue);
        Assert.Equal(0, result.Statistic);
    }

    [Fact]
    public void DeLong_WithTiedScores_MatchesPRoc()
    {
        int[] labels = [0, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1];
        double[] first = [0.5, 0.9, 0.2, 0.9, 0.7, 1.0, 0.7, 0.4, 0.4, 0.3, 0.0, 0.0, 0.2, 0.0, 0.8, 1.0, 0.5, 0.6, 0.8, 0.4, 0.7, 0.2, 0.9, 0.4, 0.0, 0.7, 0.3, 0.0, 0.3, 0.0, 1.0, 0.8, 0.3, 0.1, 0.7, 0.0, 0.0, 0.3, 0.2, 1.0];
        double[] second = [0.0, 0.8, 0.1, 0.8, 0.7, 0.3, 1.0, 0.7, 0.6, 0.3, 0.3, 0.1, 0.6, 0.2, 0.6, 0.5, 0.5, 0.3, 1.0, 0.3, 0.9, 0.4, 0.5, 0.3, 0.2, 0.7, 0.3, 0.3, 0.0, 0.1, 1.0, 0.5, 0.1, 0.4, 1.0, 0.0, 0.3, 0.2, 0.2, 0.8];

        var result = DeLongTest.Compute(first, second, [.. labels.Select(l => l == 1)]);

        Assert.NotNull(result);
        Assert.Equal(0.96616541353383456, result.FirstAuc, 1e-12);
        Assert.Equal(0.90100250626566414, result.SecondAuc, 1e-12);
        Assert.Equal("delong", result.Test.Test);
        Assert.Equal(1.6560453566657292, result.Test.Statistic, 1e-9);
        Assert.Equal(0.097712633926587397, result.Test.PValue, 1e-9);
    }

    [Fact]
    public void DeLong_WithoutBothClasses_IsUndefined() =>
        Assert.Null(DeLongTest.Compute([0.1, 0.9], [0.2, 0.8], [true, true]));
}
