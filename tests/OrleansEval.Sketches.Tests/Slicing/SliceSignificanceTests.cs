using OrleansEval.Sketches.Slicing;

namespace OrleansEval.Sketches.Tests.Slicing;

public sealed class SliceSignificanceTests
{
    private const string File = "slice-significance-vectors.json";

    public static TheoryData<string> CaseNames => VectorJson.ToTheoryData(VectorJson.Cases(File).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Test_OnReferenceCase_MatchesScipyAndStatsmodels(string name)
    {
        var (_, input, expected) = VectorJson.Cases(File).Single(c => c.Name == name);
        switch (input.GetProperty("test").GetString())
        {
            case "twoProportionZ":
                var counts = input.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToArray();
                AssertClose(expected.GetProperty("pValue").GetDouble(), SliceSignificance.TwoProportionZ(counts[0], counts[1], counts[2], counts[3]));
                break;
            case "fisherExact":
                var table = input.GetProperty("table").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(c => c.GetInt64()).ToArray();
                AssertClose(expected.GetProperty("pValue").GetDouble(), SliceSignificance.FisherExact(table[0], table[1], table[2], table[3]));
                break;
            case "welchT":
                var slice = VectorJson.ReadDoubles(input.GetProperty("slice"));
                var rest = VectorJson.ReadDoubles(input.GetProperty("rest"));
                var actual = SliceSignificance.WelchT(slice.Length, slice.Average(), Variance(slice), rest.Length, rest.Average(), Variance(rest));
                AssertClose(expected.GetProperty("pValue").GetDouble(), actual);
                break;
            default:
                var qValues = BenjaminiHochberg.QValues(VectorJson.ReadDoubles(input.GetProperty("pValues")));
                var reference = VectorJson.ReadDoubles(expected.GetProperty("qValues"));
                Assert.Equal(reference.Length, qValues.Length);
                for (var i = 0; i < reference.Length; i++)
                {
                    AssertClose(reference[i], qValues[i]);
                }

                break;
        }
    }

    [Fact]
    public void Proportions_WithAnExpectedCellBelowFive_UsesFisher()
    {
        Assert.Equal("fisherExact", SliceSignificance.Proportions(3, 10, 12, 92).Test);
        Assert.Equal("twoProportionZ", SliceSignificance.Proportions(40, 100, 30, 120).Test);
    }

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(Math.Abs(expected), 1e-300), $"expected {expected:R}, got {actual:R}");
}
