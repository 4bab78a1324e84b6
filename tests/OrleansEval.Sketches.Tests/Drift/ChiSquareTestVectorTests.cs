using OrleansEval.Sketches.Drift;

namespace OrleansEval.Sketches.Tests.Drift;

public class ChiSquareTestVectorTests
{
    [Theory]
    [MemberData(nameof(DriftVectorCase.AllNames), MemberType = typeof(DriftVectorCase))]
    public void Compute_OnVectorCounts_MatchesChi2Contingency(string name)
    {
        var vector = DriftVectorCase.Get(name);

        var result = ChiSquareTest.Compute(vector.ExpectedArray("bins.ref_counts"), vector.ExpectedArray("bins.cur_counts"));

        Assert.NotNull(result);
        NumericAssert.Close(vector.Expected("chi2_contingency.statistic"), result.Value.Statistic, $"{name} statistic");
        NumericAssert.ClosePValue(vector.Expected("chi2_contingency.pvalue"), result.Value.PValue, $"{name} p-value");
        Assert.Equal((int)vector.Expected("chi2_contingency.dof"), result.Value.DegreesOfFreedom);
    }

    [Theory]
    [MemberData(nameof(DriftVectorCase.AllNames), MemberType = typeof(DriftVectorCase))]
    public void ComputeWithoutContinuityCorrection_OnVectorCounts_MatchesChi2ContingencyNoYates(string name)
    {
        var vector = DriftVectorCase.Get(name);

        var result = ChiSquareTest.ComputeWithoutContinuityCorrection(
            vector.ExpectedArray("bins.ref_counts"),
            vector.ExpectedArray("bins.cur_counts"));

        Assert.NotNull(result);
        NumericAssert.Close(vector.Expected("chi2_contingency_no_yates.statistic"), result.Value.Statistic, $"{name} statistic");
        NumericAssert.ClosePValue(vector.Expected("chi2_contingency_no_yates.pvalue"), result.Value.PValue, $"{name} p-value");
        Assert.Equal((int)vector.Expected("chi2_contingency_no_yates.dof"), result.Value.DegreesOfFreedom);
    }
}
