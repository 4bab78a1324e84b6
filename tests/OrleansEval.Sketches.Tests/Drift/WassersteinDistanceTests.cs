using OrleansEval.Sketches.Drift;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Tests.Drift;

public class WassersteinDistanceTests
{
    [Fact]
    public void Compute_OfIdenticalSamples_IsZero()
    {
        var distance = WassersteinDistance.Compute(QuantileSortedView.FromSample([1, 2, 2, 9]), QuantileSortedView.FromSample([9, 2, 1, 2]));

        Assert.Equal(0.0, distance);
    }

    [Fact]
    public void Compute_OfShiftedSample_IsTheShift()
    {
        double[] sample = [0.3, -1.2, 4.5, 2.25, 0.0];

        var distance = WassersteinDistance.Compute(
            QuantileSortedView.FromSample(sample),
            QuantileSortedView.FromSample(sample.Select(x => x + 1.5).ToArray()));

        NumericAssert.Close(1.5, distance, "shift", relative: 1e-14);
    }

    [Fact]
    public void Compute_OfPointMassesAndUnequalSizes_FollowsTheCdfIntegral()
    {
        // F_ref jumps 0 → 1 at 0; F_cur is 1/4 on [0, 2) and 1 from 2: ∫|F − G| = 3/4 · 2 = 1.5.
        var distance = WassersteinDistance.Compute(QuantileSortedView.FromSample([0]), QuantileSortedView.FromSample([0, 2, 2, 2]));

        Assert.Equal(1.5, distance);
    }

    [Fact]
    public void Compute_OfWeightedView_EqualsItsExpandedSample()
    {
        var other = QuantileSortedView.FromSample([0.5, 2.5, 4, 8]);

        var weighted = WassersteinDistance.Compute(new QuantileSortedView([1, 3, 7], [2, 1, 3]), other);
        var expanded = WassersteinDistance.Compute(QuantileSortedView.FromSample([1, 1, 3, 7, 7, 7]), other);

        NumericAssert.Close(expanded!.Value, weighted, "weighted", relative: 1e-15);
    }

    [Fact]
    public void Compute_WithAnEmptyView_IsUndefined()
    {
        Assert.Null(WassersteinDistance.Compute(QuantileSortedView.FromSample([]), QuantileSortedView.FromSample([1])));
        Assert.Null(NormalizedWassersteinDistance.Compute(QuantileSortedView.FromSample([1]), QuantileSortedView.FromSample([]), 1));
    }

    [Fact]
    public void FromDistance_WithStdAboveFloor_DividesByStd()
    {
        Assert.Equal(0.25, NormalizedWassersteinDistance.FromDistance(0.5, 2));
    }

    [Fact]
    public void FromDistance_WithConstantReference_DividesByTheFloorAsTheVectorsDo()
    {
        var vector = DriftVectorCase.Get("constant_reference");

        var normed = NormalizedWassersteinDistance.FromDistance(vector.Expected("wasserstein"), 0);

        NumericAssert.Close(vector.Expected("wasserstein_over_ref_std"), normed, "constant reference");
        Assert.Equal(0.001, NormalizedWassersteinDistance.DefaultStdFloor);
    }

    [Fact]
    public void FromDistance_WithConstantReferenceAndNoFloor_IsUndefined()
    {
        Assert.Null(NormalizedWassersteinDistance.FromDistance(0.08, 0, stdFloor: 0));
        Assert.Null(NormalizedWassersteinDistance.FromDistance(0.08, double.NaN));
        Assert.Null(NormalizedWassersteinDistance.FromDistance(null, 1));
    }

    [Fact]
    public void FromDistance_WithNegativeStd_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalizedWassersteinDistance.FromDistance(1, -1));
    }
}
