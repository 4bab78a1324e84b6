using OrleansEval.Sketches.Binning;

namespace OrleansEval.Sketches.Tests.Drift;

public class DriftVectorBinningTests
{
    [Theory]
    [MemberData(nameof(DriftVectorCase.AllNames), MemberType = typeof(DriftVectorCase))]
    public void Counts_OfRawSamplesWithVectorBins_EqualExpectedCounts(string name)
    {
        var vector = DriftVectorCase.Get(name);

        var (reference, current) = DriftVectorBinning.Counts(vector);

        Assert.Equal(vector.ExpectedArray("bins.ref_counts"), reference);
        Assert.Equal(vector.ExpectedArray("bins.cur_counts"), current);
    }

    [Theory]
    [MemberData(nameof(DriftVectorCase.NumericNames), MemberType = typeof(DriftVectorCase))]
    public void FromQuantiles_OfReferenceWithTenBins_ReproducesVectorCutPoints(string name)
    {
        var vector = DriftVectorCase.Get(name);

        var edges = BinEdges.FromQuantiles(vector.NumericReference, 10);

        Assert.Equal(vector.ExpectedArray("bins.cut_points"), edges.CutPoints.ToArray());
    }
}
