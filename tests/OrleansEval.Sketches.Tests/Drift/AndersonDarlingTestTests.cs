using System.Text.Json;
using OrleansEval.Sketches.Drift;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Tests.Drift;

/// <summary>The two-sample Anderson–Darling test against SciPy's anderson_ksamp (Vectors/anderson-darling-vectors.json).</summary>
public class AndersonDarlingTestTests
{
    private static readonly Lazy<Dictionary<string, (JsonElement Input, JsonElement Expected)>> Vectors = new(() =>
        VectorJson.Cases("anderson-darling-vectors.json").ToDictionary(c => c.Name, c => (c.Input, c.Expected)));

    public static TheoryData<string> VectorNames => VectorJson.ToTheoryData(Vectors.Value.Keys);

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Compute_OnVectorSamples_MatchesScipyStatisticAndPValue(string name)
    {
        var (input, expected) = Vectors.Value[name];
        var (reference, current) = Samples(input);

        var result = AndersonDarlingTest.Compute(QuantileSortedView.FromSample(reference), QuantileSortedView.FromSample(current));

        if (expected.GetProperty("statistic").ValueKind == JsonValueKind.Null)
        {
            Assert.Null(result);
            return;
        }

        Assert.NotNull(result);
        NumericAssert.Close(expected.GetProperty("statistic").GetDouble(), result.Value.Statistic, $"{name} statistic");
        NumericAssert.ClosePValue(expected.GetProperty("pvalue").GetDouble(), result.Value.PValue, $"{name} p-value");
    }

    [Fact]
    public void Compute_OnVectorCases_CoversCappedFlooredInterpolatedAndUndefinedPValues()
    {
        var pValues = Vectors.Value.Values.Select(v => v.Expected.GetProperty("pvalue")).ToList();

        Assert.Contains(pValues, p => p.ValueKind == JsonValueKind.Null);
        Assert.Contains(pValues, p => p.ValueKind == JsonValueKind.Number && p.GetDouble() == AndersonDarlingTest.MaximumPValue);
        Assert.Contains(pValues, p => p.ValueKind == JsonValueKind.Number && p.GetDouble() == AndersonDarlingTest.MinimumPValue);
        Assert.True(pValues.Count(p => p.ValueKind == JsonValueKind.Number && p.GetDouble() is > 0.001 and < 0.25) >= 5);
    }

    [Theory]
    [InlineData(-3.0, 0.25)]
    [InlineData(0.3249, 0.25)]
    [InlineData(6.5461, 0.001)]
    [InlineData(40.0, 0.001)]
    public void PValue_OutsideTheCriticalValues_IsCappedOrFloored(double statistic, double expected)
    {
        Assert.Equal(expected, AndersonDarlingTest.PValue(statistic));
    }

    [Theory]
    [InlineData(1.226, 0.1)]
    [InlineData(1.961, 0.05)]
    [InlineData(3.752, 0.01)]
    public void PValue_AtATableCriticalValue_IsNearItsLevel(double critical, double level)
    {
        Assert.InRange(AndersonDarlingTest.PValue(critical), level * 0.85, level * 1.15);
    }

    [Fact]
    public void PValue_BetweenTheCriticalValues_DecreasesAndStaysWithinTheCap()
    {
        var previous = double.PositiveInfinity;
        for (var t = 0.325; t <= 6.546; t += 0.01)
        {
            var p = AndersonDarlingTest.PValue(t);
            Assert.InRange(p, AndersonDarlingTest.MinimumPValue, AndersonDarlingTest.MaximumPValue);
            Assert.True(p < previous, $"p({t}) = {p} does not decrease");
            previous = p;
        }
    }

    [Theory]
    [InlineData(AndersonDarlingTest.ExactSumLimit + 1)]
    [InlineData(10_000)]
    [InlineData(60_000)]
    public void ExpandedHarmonics_AboveTheLimit_AgreeWithTheSums(long total)
    {
        var (h, g) = AndersonDarlingTest.SummedHarmonics(total);
        var (expandedH, expandedG) = AndersonDarlingTest.ExpandedHarmonics(total);

        Assert.InRange(Math.Abs(expandedH - h), 0, 1e-12);
        Assert.InRange(Math.Abs(expandedG - g), 0, 1e-13);
    }

    [Fact]
    public void Compute_OnWeightedView_EqualsTheExpandedSample()
    {
        var weighted = new QuantileSortedView([1.0, 2.5, 4.0, 7.0], [3, 1, 2, 4]);
        var expanded = QuantileSortedView.FromSample([1, 1, 1, 2.5, 4, 4, 7, 7, 7, 7]);
        var current = QuantileSortedView.FromSample([2, 2.5, 3, 5, 6, 8, 8, 9]);

        var fromWeights = AndersonDarlingTest.Compute(weighted, current);
        var fromValues = AndersonDarlingTest.Compute(expanded, current);

        Assert.NotNull(fromWeights);
        NumericAssert.Close(fromValues!.Value.Statistic, fromWeights.Value.Statistic, "statistic");
        NumericAssert.ClosePValue(fromValues.Value.PValue, fromWeights.Value.PValue, "p-value");
    }

    [Fact]
    public void Compute_WithAnEmptySide_IsUndefined()
    {
        Assert.Null(AndersonDarlingTest.Compute(QuantileSortedView.FromSample([1, 2, 3, 4]), QuantileSortedView.FromSample([])));
    }

    [Fact]
    public void Catalogue_ListsTheTestAsASampleMeasureWhoseLowPValueMeansDrift()
    {
        var measure = DriftMeasureCatalogue.Find("andersonDarling");

        Assert.NotNull(measure);
        Assert.Same(AndersonDarlingTest.Instance, measure);
        Assert.Equal(DriftMeasureInput.Samples, measure.Input);
        Assert.Equal(DriftDirection.LowerMeansDrift, measure.Direction);
        Assert.Equal(0.05, measure.DefaultThreshold);
        Assert.False(measure.AppliesTo(DriftFeatureKind.Categorical));
    }

    [Fact]
    public void ComputeNumeric_WithBothViews_AnswersTheTestWithItsPValueAsScore()
    {
        var vector = DriftVectorCase.Get("tiny_samples");
        var (reference, current) = (QuantileSortedView.FromSample(vector.NumericReference), QuantileSortedView.FromSample(vector.NumericCurrent));

        var measures = DriftCalculator.ComputeNumeric(vector.ExpectedArray("bins.ref_counts"), vector.ExpectedArray("bins.cur_counts"), reference, current, 1.0);

        var test = measures.Find("andersonDarling");
        Assert.NotNull(test);
        Assert.Equal(["statistic", "pValue", "approximate"], test.Details.Select(d => d.Name));
        Assert.Equal(test.NumberOf("pValue"), test.Score);
        Assert.Equal(AndersonDarlingTest.Compute(reference, current)!.Value.Statistic, test.NumberOf("statistic"));
        Assert.False(test.FlagOf("approximate"));
        Assert.Null(DriftCalculator.ComputeCategorical([1, 2], [2, 1]).Find("andersonDarling"));
    }

    private static (double[] Reference, double[] Current) Samples(JsonElement input)
    {
        if (input.TryGetProperty("driftCase", out var shared))
        {
            var vector = DriftVectorCase.Get(shared.GetString()!);
            return (vector.NumericReference, vector.NumericCurrent);
        }

        return (VectorJson.ReadDoubles(input.GetProperty("reference")), VectorJson.ReadDoubles(input.GetProperty("current")));
    }
}
