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
        Assert.NotNull(measures.Psi);
        Assert.NotNull(measures.ChiSquare);
        Assert.Null(measures.Ks);
        Assert.Null(measures.Wasserstein);
        Assert.Null(measures.WassersteinNormed);
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

        Assert.Equal(
            new DriftMeasures(DriftFeatureKind.Numeric, null, null, null, null, null, null, null, null, null, null, null),
            measures);
    }

    [Fact]
    public void ComputeNumeric_OfIdenticalInputs_IsZeroEverywhere()
    {
        var view = QuantileSortedView.FromSample([1, 2, 3, 4, 5, 6]);

        var measures = DriftCalculator.ComputeNumeric([2, 2, 2], [2, 2, 2], view, view, 1.7);

        Assert.Equal(
            new DriftMeasures(
                DriftFeatureKind.Numeric,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                new ChiSquareResult(0, 1, 2),
                new KolmogorovSmirnovResult(0, 1, KolmogorovSmirnovMethod.Exact),
                0,
                0),
            measures);
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

        Assert.Equal(1.0, measures.Wasserstein);
        Assert.NotNull(measures.Ks);
        Assert.Null(measures.WassersteinNormed);
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

        Assert.Equal(KolmogorovSmirnovMethod.Asymptotic, measures.Ks!.Value.Method);
        Assert.Null(measures.WassersteinNormed);
    }
}
