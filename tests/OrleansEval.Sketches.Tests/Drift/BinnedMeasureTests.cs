using OrleansEval.Sketches.Drift;

namespace OrleansEval.Sketches.Tests.Drift;

public class BinnedMeasureTests
{
    public static TheoryData<string> MeasureNames => new()
    {
        "psi",
        "klDivergence",
        "jsDistance",
        "jsDivergence",
        "hellinger",
        "lInfinity",
        "totalVariation",
    };

    private static IBinnedDriftMeasure[] Measures { get; } =
    [
        PopulationStabilityIndex.Instance,
        KullbackLeiblerDivergence.Instance,
        JensenShannonDistance.Instance,
        JensenShannonDivergence.Instance,
        HellingerDistance.Instance,
        LInfinityDistance.Instance,
        TotalVariationDistance.Instance,
    ];

    [Theory]
    [MemberData(nameof(MeasureNames))]
    public void Compute_OfIdenticalProportions_IsZero(string name)
    {
        var measure = Find(name);

        var value = measure.Compute([3, 0, 7, 12.5, 1], [6, 0, 14, 25, 2]);

        Assert.Equal(0.0, value);
    }

    [Theory]
    [MemberData(nameof(MeasureNames))]
    public void Compute_WithEmptyReference_IsUndefined(string name)
    {
        var measure = Find(name);

        var value = measure.Compute([0, 0, 0], [1, 2, 3]);

        Assert.Null(value);
    }

    [Theory]
    [MemberData(nameof(MeasureNames))]
    public void Compute_WithEmptyCurrent_IsUndefined(string name)
    {
        var measure = Find(name);

        var value = measure.Compute([1, 2, 3], [0, 0, 0]);

        Assert.Null(value);
    }

    [Theory]
    [MemberData(nameof(MeasureNames))]
    public void Compute_WithNoBins_IsUndefined(string name)
    {
        var measure = Find(name);

        var value = measure.Compute([], []);

        Assert.Null(value);
    }

    [Theory]
    [MemberData(nameof(MeasureNames))]
    public void Compute_OfSingleBin_IsZero(string name)
    {
        var measure = Find(name);

        var value = measure.Compute([10], [3]);

        Assert.Equal(0.0, value);
    }

    [Theory]
    [MemberData(nameof(MeasureNames))]
    public void Compute_OfCountsScaledByAFraction_IsUnchanged(string name)
    {
        // Counts estimated from a sketch are fractional; only proportions matter to these measures.
        var measure = Find(name);
        double[] reference = [120, 80, 0, 40];
        double[] current = [30, 90, 15, 5];

        var whole = measure.Compute(reference, current);
        var scaled = measure.Compute(reference.Select(c => c * 0.37).ToArray(), current.Select(c => c * 2.5).ToArray());

        NumericAssert.Close(whole!.Value, scaled, name, relative: 1e-13);
        Assert.True(whole > 0, $"{name} should see the shift");
    }

    [Theory]
    [MemberData(nameof(MeasureNames))]
    public void Compute_WithDifferentLengths_Throws(string name)
    {
        var measure = Find(name);

        Assert.Throws<ArgumentException>(() => measure.Compute([1, 2], [1, 2, 3]));
    }

    [Theory]
    [MemberData(nameof(MeasureNames))]
    public void Compute_WithNegativeOrNaNCount_Throws(string name)
    {
        var measure = Find(name);

        Assert.Throws<ArgumentOutOfRangeException>(() => measure.Compute([1, -2], [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => measure.Compute([1, 2], [double.NaN, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => measure.Compute([1, double.PositiveInfinity], [1, 2]));
    }

    [Theory]
    [MemberData(nameof(MeasureNames))]
    public void Name_OfMeasure_IsItsApiNameAndHigherMeansDrift(string name)
    {
        var measure = Find(name);

        Assert.Equal(name, measure.Name);
        Assert.Equal(DriftDirection.HigherMeansDrift, measure.Direction);
        Assert.True(measure.DefaultThreshold > 0);
    }

    [Fact]
    public void Compute_OfPsiWithDisjointBins_ReplacesZeroProportionsByOneTenThousandth()
    {
        var psi = PopulationStabilityIndex.Instance.Compute([5, 0], [0, 8]);

        // Both bins contribute (1 − 1e-4) · ln(1 / 1e-4).
        NumericAssert.Close(2 * (1 - 1e-4) * Math.Log(1e4), psi, "psi", relative: 1e-14);
    }

    [Fact]
    public void Compute_OfKlWithEmptyReferenceBin_RenormalisesReplacedProportions()
    {
        var kl = KullbackLeiblerDivergence.Instance.Compute([1, 0], [1, 1]);

        var p = new[] { 1 / 1.0001, 1e-4 / 1.0001 };
        var expected = (0.5 * Math.Log(0.5 / p[0])) + (0.5 * Math.Log(0.5 / p[1]));
        NumericAssert.Close(expected, kl, "kl", relative: 1e-14);
    }

    [Fact]
    public void Compute_OfJsOnDisjointSupports_IsOne()
    {
        var distance = JensenShannonDistance.Instance.Compute([4, 0, 0], [0, 2, 9]);
        var divergence = JensenShannonDivergence.Instance.Compute([4, 0, 0], [0, 2, 9]);
        var hellinger = HellingerDistance.Instance.Compute([4, 0, 0], [0, 2, 9]);
        var total = TotalVariationDistance.Instance.Compute([4, 0, 0], [0, 2, 9]);

        NumericAssert.Close(1, distance, "js distance", relative: 1e-15);
        NumericAssert.Close(1, divergence, "js divergence", relative: 1e-15);
        NumericAssert.Close(1, hellinger, "hellinger", relative: 1e-15);
        NumericAssert.Close(1, total, "total variation", relative: 1e-15);
    }

    [Fact]
    public void Compute_OfLInfinityAndTotalVariation_FollowTheirDefinitions()
    {
        double[] reference = [50, 30, 20];
        double[] current = [20, 30, 50];

        NumericAssert.Close(0.3, LInfinityDistance.Instance.Compute(reference, current), "l-infinity", relative: 1e-15);
        NumericAssert.Close(0.3, TotalVariationDistance.Instance.Compute(reference, current), "total variation", relative: 1e-15);
    }

    private static IBinnedDriftMeasure Find(string name) => Measures.Single(m => m.Name == name);
}
