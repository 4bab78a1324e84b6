using OrleansEval.Sketches.Drift;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Tests.Drift;

public class DriftMeasureCatalogueTests
{
    [Fact]
    public void All_InAnswerOrder_ListsEveryMeasureOnce()
    {
        Assert.Equal(
            ["psi", "klDivergence", "jsDistance", "jsDivergence", "hellinger", "lInfinity", "totalVariation", "chiSquare", "ks", "wasserstein", "wassersteinNormed", "andersonDarling"],
            DriftMeasureCatalogue.All.Select(m => m.Name));
    }

    [Fact]
    public void For_CategoricalFeature_LeavesOutSampleMeasures()
    {
        var categorical = DriftMeasureCatalogue.For(DriftFeatureKind.Categorical).ToList();

        Assert.All(categorical, m => Assert.Equal(DriftMeasureInput.Bins, m.Input));
        Assert.DoesNotContain(categorical, m => m.Name is "ks" or "wasserstein" or "wassersteinNormed" or "andersonDarling");
        Assert.Equal(DriftMeasureCatalogue.All.Length, DriftMeasureCatalogue.For(DriftFeatureKind.Numeric).Count());
    }

    [Theory]
    [InlineData("chiSquare")]
    [InlineData("ks")]
    public void Find_Test_IsAPValueWhereLowerMeansDrift(string name)
    {
        var measure = DriftMeasureCatalogue.Find(name);

        Assert.NotNull(measure);
        Assert.Equal(DriftDirection.LowerMeansDrift, measure.Direction);
        Assert.Equal(0.05, measure.DefaultThreshold);
        Assert.True(measure.IsAtMostOne);
    }

    [Fact]
    public void Find_UnknownName_IsNull()
    {
        Assert.Null(DriftMeasureCatalogue.Find("energy"));
        Assert.Null(DriftMeasureCatalogue.Find("PSI"));
    }

    [Theory]
    [InlineData(0.2, true)]
    [InlineData(0.25, true)]
    [InlineData(0.19999, false)]
    public void DefaultFor_NumericFeature_IsPsiAtPointTwo(double psi, bool drifted)
    {
        var decision = DriftThreshold.For(DriftMeasureCatalogue.DefaultFor(DriftFeatureKind.Numeric)).Evaluate(psi);

        Assert.Equal(new DriftDecision("psi", psi, 0.2, DriftDirection.HigherMeansDrift, drifted), decision);
    }

    [Theory]
    [InlineData(0.1, true)]
    [InlineData(0.09999, false)]
    public void DefaultFor_CategoricalFeature_IsJsDistanceAtPointOne(double js, bool drifted)
    {
        var decision = DriftThreshold.For(DriftMeasureCatalogue.DefaultFor(DriftFeatureKind.Categorical)).Evaluate(js);

        Assert.Equal("jsDistance", decision.Measure);
        Assert.Equal(drifted, decision.Drifted);
    }

    [Fact]
    public void Evaluate_WithUndefinedScore_HasUndefinedVerdict()
    {
        var decision = DriftThreshold.For(DriftMeasureCatalogue.DefaultFor(DriftFeatureKind.Numeric)).Evaluate(null);

        Assert.Null(decision.Score);
        Assert.Null(decision.Drifted);
    }

    [Theory]
    [InlineData(0.049, true)]
    [InlineData(0.05, false)]
    public void Evaluate_WithKsThreshold_DriftsWhenPValueFallsBelowThreshold(double pValue, bool drifted)
    {
        var decision = DriftThreshold.For(DriftMeasureCatalogue.Find("ks")!).Evaluate(pValue);

        Assert.Equal("ks", decision.Measure);
        Assert.Equal(DriftDirection.LowerMeansDrift, decision.Direction);
        Assert.Equal(drifted, decision.Drifted);
    }

    [Fact]
    public void Score_WithUnknownMeasure_Throws()
    {
        var measures = DriftCalculator.ComputeCategorical([1, 2], [2, 1]);

        Assert.Throws<ArgumentException>(() => measures.Score("energy"));
        Assert.Throws<ArgumentException>(() => measures.Score("ks"));
    }

    [Fact]
    public void Score_OfATest_IsItsPValue()
    {
        var measures = DriftCalculator.ComputeNumeric(
            [4, 2, 2],
            [1, 3, 4],
            QuantileSortedView.FromSample([1, 2, 3, 4, 5, 6, 7, 8]),
            QuantileSortedView.FromSample([3, 4, 5, 6, 7, 8, 9, 10]),
            2.0);

        foreach (var test in new[] { "chiSquare", "ks" })
        {
            Assert.NotNull(measures.Score(test));
            Assert.Equal(measures.Find(test)!.NumberOf("pValue"), measures.Score(test));
            Assert.NotEqual(measures.Find(test)!.NumberOf("statistic"), measures.Score(test));
        }
    }
}
