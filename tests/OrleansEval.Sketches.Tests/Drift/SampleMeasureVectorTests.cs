using OrleansEval.Sketches.Drift;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Tests.Drift;

/// <summary>KS and Wasserstein on the raw numeric samples against the reference vectors.</summary>
public class SampleMeasureVectorTests
{
    [Theory]
    [MemberData(nameof(DriftVectorCase.NumericNames), MemberType = typeof(DriftVectorCase))]
    public void Compute_WithAutoMethod_MatchesStatisticMethodAndPValue(string name)
    {
        var vector = DriftVectorCase.Get(name);
        var (reference, current) = Views(vector);

        var result = KolmogorovSmirnovTest.Compute(reference, current);

        Assert.NotNull(result);
        var expectedMethod = vector.ExpectedString("ks.method_auto") == "exact" ? KolmogorovSmirnovMethod.Exact : KolmogorovSmirnovMethod.Asymptotic;
        Assert.Equal(expectedMethod, result.Value.Method);
        NumericAssert.Close(vector.Expected("ks.statistic"), result.Value.Statistic, $"{name} D");
        NumericAssert.ClosePValue(vector.Expected("ks.pvalue"), result.Value.PValue, $"{name} p-value ({result.Value.Method})");
    }

    [Theory]
    [MemberData(nameof(DriftVectorCase.NumericNames), MemberType = typeof(DriftVectorCase))]
    public void Compute_WithAsymptoticMethod_MatchesPValueAsymp(string name)
    {
        var vector = DriftVectorCase.Get(name);
        var (reference, current) = Views(vector);

        var result = KolmogorovSmirnovTest.Compute(reference, current, new KolmogorovSmirnovOptions(KolmogorovSmirnovMethod.Asymptotic));

        Assert.NotNull(result);
        Assert.Equal(KolmogorovSmirnovMethod.Asymptotic, result.Value.Method);
        NumericAssert.ClosePValue(vector.Expected("ks.pvalue_asymp"), result.Value.PValue, $"{name} asymptotic p-value");
    }

    [Theory]
    [MemberData(nameof(DriftVectorCase.NumericNames), MemberType = typeof(DriftVectorCase))]
    public void Compute_OnVectorSamples_MatchesWasserstein(string name)
    {
        var vector = DriftVectorCase.Get(name);
        var (reference, current) = Views(vector);

        var distance = WassersteinDistance.Compute(reference, current);

        NumericAssert.Close(vector.Expected("wasserstein"), distance, $"{name} wasserstein");
    }

    [Theory]
    [MemberData(nameof(DriftVectorCase.NumericNames), MemberType = typeof(DriftVectorCase))]
    public void Compute_WithPopulationStdAndDefaultFloor_MatchesWassersteinOverRefStd(string name)
    {
        var vector = DriftVectorCase.Get(name);
        var (reference, current) = Views(vector);

        var normed = NormalizedWassersteinDistance.Compute(reference, current, PopulationStd(vector.NumericReference));

        NumericAssert.Close(vector.Expected("wasserstein_over_ref_std"), normed, $"{name} wasserstein / std");
    }

    [Theory]
    [MemberData(nameof(DriftVectorCase.NumericNames), MemberType = typeof(DriftVectorCase))]
    public void ComputeNumeric_OnVectorCase_MatchesEveryMeasure(string name)
    {
        var vector = DriftVectorCase.Get(name);
        var (reference, current) = Views(vector);

        var measures = DriftCalculator.ComputeNumeric(
            vector.ExpectedArray("bins.ref_counts"),
            vector.ExpectedArray("bins.cur_counts"),
            reference,
            current,
            PopulationStd(vector.NumericReference));

        Assert.Equal(DriftFeatureKind.Numeric, measures.Kind);
        NumericAssert.Close(vector.Expected("psi"), measures.Score("psi"), $"{name} psi");
        NumericAssert.ClosePValue(vector.Expected("chi2_contingency.pvalue"), measures.Score("chiSquare"), $"{name} chi2 p");
        NumericAssert.Close(vector.Expected("ks.statistic"), measures.Find("ks")?.NumberOf("statistic"), $"{name} D");
        NumericAssert.ClosePValue(vector.Expected("ks.pvalue"), measures.Score("ks"), $"{name} ks p");
        NumericAssert.Close(vector.Expected("wasserstein"), measures.Score("wasserstein"), $"{name} wasserstein");
        NumericAssert.Close(vector.Expected("wasserstein_over_ref_std"), measures.Score("wassersteinNormed"), $"{name} wasserstein normed");
    }

    internal static double PopulationStd(double[] sample)
    {
        var mean = sample.Average();
        var sum = 0.0;
        foreach (var x in sample)
        {
            sum += (x - mean) * (x - mean);
        }

        return Math.Sqrt(sum / sample.Length);
    }

    private static (QuantileSortedView Reference, QuantileSortedView Current) Views(DriftVectorCase vector) =>
        (QuantileSortedView.FromSample(vector.NumericReference), QuantileSortedView.FromSample(vector.NumericCurrent));
}
