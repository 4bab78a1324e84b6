using OrleansEval.Sketches.Drift;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Tests.Drift;

public class DriftCalculatorTests
{
    [Fact]
    public void ComputeCategorical_OfCounts_HasNoSampleMeasures()
    {
        var measures = DriftCalculator.ComputeCategorical([500, 500], [250, 750]);

        Assert.Equal(DriftFeatureKind.Categorical, measures.Kind);
        Assert.NotNull(measures.Score("psi"));
        Assert.NotNull(measures.Score("chiSquare"));
        Assert.Null(measures.Find("ks"));
        Assert.Null(measures.Find("wasserstein"));
        Assert.Null(measures.Find("wassersteinNormed"));
    }

    [Fact]
    public void ComputeNumeric_WithOneEmptySide_IsUndefinedEverywhere()
    {
        var measures = DriftCalculator.ComputeNumeric(
            [3, 4, 5],
            [0, 0, 0],
            QuantileSortedView.FromSample([1, 2, 3]),
            QuantileSortedView.FromSample([]),
            1.0);

        Assert.Equal(DriftFeatureKind.Numeric, measures.Kind);
        Assert.Equal(DriftMeasureCatalogue.For(DriftFeatureKind.Numeric).Select(m => m.Name), measures.Results.Select(r => r.Name));
        Assert.All(measures.Results, r => Assert.Null(r.Score));
        Assert.All(measures.Results, r => Assert.Empty(r.Details));
    }

    [Fact]
    public void ComputeNumeric_OfIdenticalInputs_IsZeroEverywhere()
    {
        var view = QuantileSortedView.FromSample([1, 2, 3, 4, 5, 6]);

        var measures = DriftCalculator.ComputeNumeric([2, 2, 2], [2, 2, 2], view, view, 1.7);

        Assert.All(measures.Results.Where(r => r.Details.IsEmpty), r => Assert.Equal(0, r.Score));
        Assert.Equal((0.0, 1.0, 2.0), (measures.Find("chiSquare")!.NumberOf("statistic"), measures.Find("chiSquare")!.NumberOf("pValue"), measures.Find("chiSquare")!.NumberOf("dof")));
        Assert.Equal((0.0, 1.0, "exact"), (measures.Find("ks")!.NumberOf("statistic"), measures.Find("ks")!.NumberOf("pValue"), measures.Find("ks")!.TextOf("method")));
    }

    [Fact]
    public void ComputeNumeric_WithoutStd_LeavesOnlyNormedWassersteinUndefined()
    {
        var measures = DriftCalculator.ComputeNumeric(
            [2, 2],
            [1, 3],
            QuantileSortedView.FromSample([1, 2, 3, 4]),
            QuantileSortedView.FromSample([2, 3, 4, 5]),
            null);

        Assert.Equal(1.0, measures.Score("wasserstein"));
        Assert.NotNull(measures.Score("ks"));
        Assert.Null(measures.Score("wassersteinNormed"));
    }

    [Fact]
    public void ComputeNumeric_WithOptions_PassesThemToKsAndWasserstein()
    {
        var options = new DriftOptions(new KolmogorovSmirnovOptions(KolmogorovSmirnovMethod.Asymptotic), WassersteinStdFloor: 0);

        var measures = DriftCalculator.ComputeNumeric(
            [2, 2],
            [1, 3],
            QuantileSortedView.FromSample([5, 5, 5]),
            QuantileSortedView.FromSample([5, 6]),
            0,
            options);

        Assert.Equal("asymptotic", measures.Find("ks")!.TextOf("method"));
        Assert.Null(measures.Score("wassersteinNormed"));
    }
}
