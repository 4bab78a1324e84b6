using OrleansEval.Sketches.Attribution;

namespace OrleansEval.Sketches.Tests.Attribution;

/// <summary>The change decomposition on a hand-computed example, and what it answers when a side has no labelled row.</summary>
public sealed class ChangeDecompositionTests
{
    // Baseline: A 80 labelled (loss 64), B 20 (loss 10): M_base = 0.74. Current: A 50 of 100 rows labelled (loss 35),
    // B 50 of 60 (loss 20), C 40 rows none labelled: M_cur = 0.55, change −0.19.
    private static readonly BinTally[] Example =
    [
        new(80, 80, 64, 100, 50, 35),
        new(20, 20, 10, 60, 50, 20),
        new(0, 0, 0, 40, 0, 0),
    ];

    [Fact]
    public void Decompose_OfAHandComputedExample_GivesEachBinsMixWithinAndDriftImpact_AndAddsUpToTheChange()
    {
        var bins = ChangeDecomposition.Decompose(Example);

        Assert.Equal([-0.018, -0.072, 0], bins.Select(bin => bin.Mix!.Value), Tolerance);
        Assert.Equal([-0.05, -0.05, 0], bins.Select(bin => bin.Within!.Value), Tolerance);
        Assert.Equal([-0.018, -0.024, 0], bins.Select(bin => bin.DriftImpact!.Value), Tolerance);
        Assert.Equal([0.5, 0.3, 0.2], bins.Select(bin => bin.RowShare!.Value), Tolerance);
        Assert.Equal(0.8, bins[0].BaselineMetric!.Value, 1e-15);
        Assert.Equal(0.4, bins[1].CurrentMetric!.Value, 1e-15);
        Assert.Null(bins[2].BaselineMetric);
        Assert.Null(bins[2].CurrentMetric);
        Assert.Equal(0.55 - 0.74, bins.Sum(bin => bin.Mix!.Value + bin.Within!.Value), 1e-15);
    }

    [Fact]
    public void Decompose_WithoutCurrentLabels_AnswersDriftImpactAlone()
    {
        var bins = ChangeDecomposition.Decompose(Example.Select(bin => bin with { CurrentLabelled = 0, CurrentLoss = 0 }).ToArray());

        Assert.All(bins, bin => Assert.Null(bin.Mix));
        Assert.All(bins, bin => Assert.Null(bin.Within));
        Assert.Equal([-0.018, -0.024, 0], bins.Select(bin => bin.DriftImpact!.Value), Tolerance);
    }

    [Fact]
    public void Decompose_WithoutBaselineLabels_AnswersNoContribution()
    {
        var bins = ChangeDecomposition.Decompose(Example.Select(bin => bin with { BaselineLabelled = 0, BaselineLoss = 0 }).ToArray());

        Assert.All(bins, bin => Assert.Null(bin.Mix ?? bin.Within ?? bin.DriftImpact));
        Assert.Equal(0.5, bins[0].CurrentShare!.Value, 1e-15);
    }

    private static readonly IEqualityComparer<double> Tolerance = new WithinTolerance(1e-12);

    private sealed class WithinTolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
