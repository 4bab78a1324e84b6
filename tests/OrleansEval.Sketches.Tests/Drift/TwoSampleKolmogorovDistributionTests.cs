using OrleansEval.Sketches.Drift;

namespace OrleansEval.Sketches.Tests.Drift;

public class TwoSampleKolmogorovDistributionTests
{
    public static TheoryData<int, int> SmallSizes => new() { { 1, 1 }, { 1, 5 }, { 3, 4 }, { 5, 7 }, { 6, 6 }, { 4, 10 }, { 8, 3 } };

    [Theory]
    [MemberData(nameof(SmallSizes))]
    public void ExactSurvival_ForEveryThreshold_MatchesEnumerationOfAllArrangements(int m, int n)
    {
        var maxima = EnumerateMaxima(m, n);

        for (long h = 0; h <= (long)m * n; h++)
        {
            var expected = maxima.Count(d => d >= h) / (double)maxima.Count;

            NumericAssert.Close(expected, TwoSampleKolmogorovDistribution.ExactSurvival(m, n, h), $"m = {m}, n = {n}, h = {h}", relative: 1e-13, absolute: 1e-300);
        }
    }

    [Fact]
    public void ExactSurvival_WithSamplesSwapped_IsUnchanged()
    {
        var forward = TwoSampleKolmogorovDistribution.ExactSurvival(37, 90, 37 * 90 / 4);
        var backward = TwoSampleKolmogorovDistribution.ExactSurvival(90, 37, 37 * 90 / 4);

        Assert.Equal(forward, backward, 15);
    }

    [Fact]
    public void ExactSurvival_AtTheLargestStatistic_IsTwoOverTheNumberOfArrangements()
    {
        // Only the two paths that take all of one sample first reach D = 1.
        var p = TwoSampleKolmogorovDistribution.ExactSurvival(30, 40, 30 * 40);

        var expected = 2 * Math.Exp(-MathNet.Numerics.SpecialFunctions.BinomialLn(70, 30));
        NumericAssert.Close(expected, p, "D = 1", relative: 1e-12, absolute: 1e-300);
    }

    [Fact]
    public void ExactSurvival_OfTinyPValue_KeepsRelativePrecision()
    {
        // Equal samples: P(D ≥ h/n) has the closed form 2 Σ_{k≥1} (−1)^(k+1) C(2n, n − k h) / C(2n, n) (Gnedenko).
        const int n = 400;
        const int steps = 240;
        var sum = 0.0;
        for (var k = 1; n - (k * steps) >= 0; k++)
        {
            var sign = k % 2 == 1 ? 1 : -1;
            sum += sign * Math.Exp(MathNet.Numerics.SpecialFunctions.BinomialLn(2 * n, n - (k * steps)) - MathNet.Numerics.SpecialFunctions.BinomialLn(2 * n, n));
        }

        var p = TwoSampleKolmogorovDistribution.ExactSurvival(n, n, (long)steps * n);

        Assert.True(p < 1e-40, $"p = {p}");
        NumericAssert.Close(2 * sum, p, "equal samples", relative: 1e-11, absolute: 1e-300);
    }

    [Theory]
    [InlineData(3, 3, 2)]
    [InlineData(5, 5, 2)]
    [InlineData(7, 7, 4)]
    [InlineData(2000, 1500, 857)]
    [InlineData(1, 1, 1)]
    public void EffectiveSampleSize_OfTwoSizes_RoundsHalvesToEven(long m, long n, long expected)
    {
        Assert.Equal(expected, TwoSampleKolmogorovDistribution.EffectiveSampleSize(m, n));
    }

    // The maximum of |i n − j m| along each of the C(m + n, m) arrangements.
    private static List<long> EnumerateMaxima(int m, int n)
    {
        var maxima = new List<long>();
        Walk(0, 0, 0);
        return maxima;

        void Walk(int i, int j, long max)
        {
            max = Math.Max(max, Math.Abs(((long)i * n) - ((long)j * m)));
            if (i == m && j == n)
            {
                maxima.Add(max);
                return;
            }

            if (i < m)
            {
                Walk(i + 1, j, max);
            }

            if (j < n)
            {
                Walk(i, j + 1, max);
            }
        }
    }
}
