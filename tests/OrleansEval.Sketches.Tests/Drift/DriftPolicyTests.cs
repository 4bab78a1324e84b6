using OrleansEval.Sketches.Drift;

namespace OrleansEval.Sketches.Tests.Drift;

public class DriftPolicyTests
{
    [Theory]
    [InlineData(0.2, true)]
    [InlineData(0.25, true)]
    [InlineData(0.19999, false)]
    public void Decide_ForNumericFeature_UsesPsiAtPointTwo(double psi, bool drifted)
    {
        var decision = DriftPolicy.Default.Decide(Measures(DriftFeatureKind.Numeric) with { Psi = psi, JsDistance = 0.9 });

        Assert.Equal(new DriftDecision(DriftMeasureNames.Psi, psi, 0.2, DriftDirection.HigherMeansDrift, drifted), decision);
    }

    [Theory]
    [InlineData(0.1, true)]
    [InlineData(0.09999, false)]
    public void Decide_ForCategoricalFeature_UsesJsDistanceAtPointOne(double js, bool drifted)
    {
        var decision = DriftPolicy.Default.Decide(Measures(DriftFeatureKind.Categorical) with { JsDistance = js, Psi = 5 });

        Assert.Equal(DriftMeasureNames.JsDistance, decision.Measure);
        Assert.Equal(drifted, decision.Drifted);
    }

    [Fact]
    public void Decide_WithUndefinedScore_HasUndefinedVerdict()
    {
        var decision = DriftPolicy.Default.Decide(Measures(DriftFeatureKind.Numeric));

        Assert.Null(decision.Score);
        Assert.Null(decision.Drifted);
    }

    [Theory]
    [InlineData(0.049, true)]
    [InlineData(0.05, false)]
    public void Decide_WithKsOverride_DriftsWhenPValueFallsBelowThreshold(double pValue, bool drifted)
    {
        var policy = DriftPolicy.Default with { Numeric = DriftThreshold.For(KolmogorovSmirnovTest.Instance) };

        var decision = policy.Decide(Measures(DriftFeatureKind.Numeric) with
        {
            Psi = 10,
            Ks = new KolmogorovSmirnovResult(0.3, pValue, KolmogorovSmirnovMethod.Exact),
        });

        Assert.Equal(DriftMeasureNames.Ks, decision.Measure);
        Assert.Equal(DriftDirection.LowerMeansDrift, decision.Direction);
        Assert.Equal(drifted, decision.Drifted);
    }

    [Fact]
    public void Decide_WithUnknownMeasure_Throws()
    {
        var policy = DriftPolicy.Default with { Categorical = new DriftThreshold("energy", 0.1, DriftDirection.HigherMeansDrift) };

        Assert.Throws<ArgumentException>(() => policy.Decide(Measures(DriftFeatureKind.Categorical)));
    }

    [Fact]
    public void Score_ForEveryMeasureName_ReadsTheMatchingValue()
    {
        var measures = new DriftMeasures(
            DriftFeatureKind.Numeric, 1, 2, 3, 4, 5, 6, 7, new ChiSquareResult(100, 8, 3), new KolmogorovSmirnovResult(0.5, 9, KolmogorovSmirnovMethod.Exact), 10, 11);

        Assert.Equal(1, measures.Score(DriftMeasureNames.Psi));
        Assert.Equal(2, measures.Score(DriftMeasureNames.KlDivergence));
        Assert.Equal(3, measures.Score(DriftMeasureNames.JsDistance));
        Assert.Equal(4, measures.Score(DriftMeasureNames.JsDivergence));
        Assert.Equal(5, measures.Score(DriftMeasureNames.Hellinger));
        Assert.Equal(6, measures.Score(DriftMeasureNames.LInfinity));
        Assert.Equal(7, measures.Score(DriftMeasureNames.TotalVariation));
        Assert.Equal(8, measures.Score(DriftMeasureNames.ChiSquare));
        Assert.Equal(9, measures.Score(DriftMeasureNames.Ks));
        Assert.Equal(10, measures.Score(DriftMeasureNames.Wasserstein));
        Assert.Equal(11, measures.Score(DriftMeasureNames.WassersteinNormed));
    }

    private static DriftMeasures Measures(DriftFeatureKind kind) =>
        new(kind, null, null, null, null, null, null, null, null, null, null, null);
}
