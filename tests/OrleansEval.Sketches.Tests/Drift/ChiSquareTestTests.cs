using OrleansEval.Sketches.Drift;

namespace OrleansEval.Sketches.Tests.Drift;

public class ChiSquareTestTests
{
    [Fact]
    public void Compute_OfIdenticalProportions_HasZeroStatisticAndPValueOne()
    {
        var result = ChiSquareTest.Compute([10, 20, 30], [20, 40, 60]);

        Assert.Equal(new ChiSquareResult(0, 1, 2), result);
    }

    [Fact]
    public void Compute_WithOneSideEmpty_IsUndefined()
    {
        Assert.Null(ChiSquareTest.Compute([0, 0, 0], [1, 2, 3]));
        Assert.Null(ChiSquareTest.Compute([1, 2, 3], [0, 0, 0]));
    }

    [Fact]
    public void Compute_OfSingleBin_IsUndefined()
    {
        Assert.Null(ChiSquareTest.Compute([10], [3]));
    }

    [Fact]
    public void Compute_WithOneNonEmptyBinAmongEmptyOnes_IsUndefined()
    {
        Assert.Null(ChiSquareTest.Compute([0, 7, 0], [0, 2, 0]));
    }

    [Fact]
    public void Compute_WithBinsEmptyOnBothSides_DropsThemAndCorrectsAtOneDof()
    {
        // Left with the 2 × 2 table [[10, 20], [15, 5]]: expected [[15, 15], [10, 10]], |O − E| = 5 everywhere.
        var corrected = ChiSquareTest.Compute([10, 0, 20, 0], [15, 0, 5, 0]);
        var plain = ChiSquareTest.ComputeWithoutContinuityCorrection([10, 0, 20, 0], [15, 0, 5, 0]);

        var yates = (4.5 * 4.5 / 15 * 2) + (4.5 * 4.5 / 10 * 2);
        var pearson = (25.0 / 15 * 2) + (25.0 / 10 * 2);
        Assert.Equal(1, corrected!.Value.DegreesOfFreedom);
        NumericAssert.Close(yates, corrected.Value.Statistic, "yates", relative: 1e-14);
        NumericAssert.Close(pearson, plain!.Value.Statistic, "pearson", relative: 1e-14);
        NumericAssert.Close(MathNet.Numerics.SpecialFunctions.Erfc(Math.Sqrt(pearson / 2)), plain.Value.PValue, "p with one dof is erfc(√(x/2))", relative: 1e-12);
    }

    [Fact]
    public void Compute_WithDeviationBelowHalf_CorrectsOnlyToZero()
    {
        // [[10, 10], [10, 11]]: |O − E| < 0.5 in every cell, so the corrected statistic is exactly 0.
        var result = ChiSquareTest.Compute([10, 10], [10, 11]);

        Assert.Equal(0.0, result!.Value.Statistic);
        Assert.Equal(1.0, result.Value.PValue);
    }

    [Fact]
    public void Compute_WithThreeOrMoreBins_DoesNotCorrect()
    {
        var corrected = ChiSquareTest.Compute([10, 20, 30], [30, 20, 10]);
        var plain = ChiSquareTest.ComputeWithoutContinuityCorrection([10, 20, 30], [30, 20, 10]);

        Assert.Equal(plain, corrected);
        Assert.Equal(2, corrected!.Value.DegreesOfFreedom);
    }

    [Fact]
    public void SurvivalFunction_AtKnownQuantiles_MatchesTables()
    {
        // 3.841458820694124 and 16.918977604620448 are the 95% quantiles of chi-square with 1 and 9 degrees of freedom.
        NumericAssert.Close(0.05, ChiSquareTest.SurvivalFunction(3.841458820694124, 1), "dof 1", relative: 1e-12);
        NumericAssert.Close(0.05, ChiSquareTest.SurvivalFunction(16.918977604620448, 9), "dof 9", relative: 1e-12);
        NumericAssert.Close(Math.Exp(-10), ChiSquareTest.SurvivalFunction(20, 2), "dof 2 is exponential", relative: 1e-13);
    }

    [Fact]
    public void Instance_DecidesOnPValue_WhereLowerMeansDrift()
    {
        Assert.Equal("chiSquare", ChiSquareTest.Instance.Name);
        Assert.Equal(DriftDirection.LowerMeansDrift, ChiSquareTest.Instance.Direction);
        Assert.Equal(0.05, ChiSquareTest.Instance.DefaultThreshold);
    }
}
