using OrleansEval.Sketches.Drift;

namespace OrleansEval.Sketches.Tests.Drift;

public class KolmogorovDistributionTests
{
    public static TheoryData<int> SmallSizes => new() { 2, 3, 5, 9, 20, 50, 100, 140 };

    [Theory]
    [MemberData(nameof(SmallSizes))]
    public void PomeranzCdf_AcrossItsRange_AgreesWithDurbinMatrix(int n)
    {
        // Two independent exact algorithms, both exact up to rounding, compared a little beyond where either is used (n x² < 4).
        for (var step = 1; step < 200; step++)
        {
            var x = step / 200.0;
            var t = n * x;
            if (t <= 1 || t >= n - 1 || t * x > 6)
            {
                continue;
            }

            var durbin = KolmogorovDistribution.DurbinCdf(n, x);
            var pomeranz = KolmogorovDistribution.PomeranzCdf(n, x);

            NumericAssert.Close(durbin, pomeranz, $"n = {n}, x = {x}", relative: 1e-11, absolute: 1e-15);
        }
    }

    [Theory]
    [MemberData(nameof(SmallSizes))]
    public void PomeranzCdf_WhenTwiceNxIsAnInteger_AgreesWithDurbinMatrix(int n)
    {
        // Break points coincide when 2t is an integer; the integer bounds must still be right there.
        for (var twiceT = 3; twiceT < (2 * n) - 2; twiceT++)
        {
            var x = twiceT / (2.0 * n);
            if (n * x * x > 6)
            {
                break;
            }

            NumericAssert.Close(
                KolmogorovDistribution.DurbinCdf(n, x),
                KolmogorovDistribution.PomeranzCdf(n, x),
                $"n = {n}, 2nx = {twiceT}",
                relative: 1e-11,
                absolute: 1e-15);
        }
    }

    [Theory]
    [InlineData(0.55)]
    [InlineData(0.7)]
    [InlineData(0.99)]
    public void Survival_OfOneObservation_IsTwiceOneMinusX(double x)
    {
        NumericAssert.Close(2 * (1 - x), KolmogorovDistribution.Survival(1, x), $"x = {x}", relative: 1e-15);
    }

    [Fact]
    public void Survival_AtTheEnds_IsOneOrZero()
    {
        Assert.Equal(1.0, KolmogorovDistribution.Survival(100, 0.005));
        Assert.Equal(0.0, KolmogorovDistribution.Survival(100, 1));
        Assert.Equal(0.0, KolmogorovDistribution.Cdf(100, 0.005));
        Assert.Equal(1.0, KolmogorovDistribution.Cdf(100, 1));
    }

    [Theory]
    [InlineData(10, 0.08)]
    [InlineData(10, 0.95)]
    [InlineData(500, 0.0015)]
    [InlineData(500, 0.999)]
    public void Survival_InTheClosedFormRegions_MatchesRubenGambino(int n, double x)
    {
        var t = n * x;
        var expected = t <= 1
            ? 1 - Math.Exp(MathNet.Numerics.SpecialFunctions.FactorialLn(n) + (n * Math.Log((2 * x) - (1.0 / n))))
            : 2 * Math.Pow(1 - x, n);

        NumericAssert.Close(expected, KolmogorovDistribution.Survival(n, x), $"n = {n}, x = {x}", relative: 1e-12, absolute: 1e-300);
    }

    [Theory]
    [InlineData(10, 0.40925, 0.05)]
    [InlineData(20, 0.29408, 0.05)]
    [InlineData(40, 0.21012, 0.05)]
    [InlineData(10, 0.48893, 0.01)]
    public void Survival_AtPublishedCriticalValues_IsTheSignificanceLevel(int n, double x, double alpha)
    {
        // Miller (1956) two-sided critical values, five decimals.
        NumericAssert.Close(alpha, KolmogorovDistribution.Survival(n, x), $"n = {n}, x = {x}", relative: 2e-3);
    }

    [Theory]
    [InlineData(141)]
    [InlineData(2_500)]
    [InlineData(25_000)]
    [InlineData(100_000)]
    public void Cdf_AcrossLargeSampleRegions_IsMonotoneAndComplementsSurvival(int n)
    {
        var previous = 0.0;
        for (var step = 1; step < 400; step++)
        {
            var x = step / 400.0 * 5 / Math.Sqrt(n);
            var cdf = KolmogorovDistribution.Cdf(n, x);
            var survival = KolmogorovDistribution.Survival(n, x);

            Assert.True(cdf >= previous - 1e-9, $"n = {n}: cdf fell from {previous} to {cdf} at x = {x}");
            Assert.True(Math.Abs(cdf + survival - 1) < 1e-6, $"n = {n}, x = {x}: cdf {cdf} + survival {survival}");
            previous = cdf;
        }
    }

    [Theory]
    [InlineData(1_000, 0.5)]
    [InlineData(1_000, 1.0)]
    [InlineData(5_000, 0.8)]
    [InlineData(5_000, 1.2)]
    public void PelzGoodCdf_WhereDurbinIsExact_AgreesToFiveDigits(int n, double z)
    {
        var x = z / Math.Sqrt(n);

        NumericAssert.Close(KolmogorovDistribution.DurbinCdf(n, x), KolmogorovDistribution.PelzGoodCdf(n, x), $"n = {n}, z = {z}", relative: 1e-5);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(4.5)]
    public void SmirnovUpperTail_AcrossTheSwitchToTheAsymptoticExpansion_IsContinuous(double z)
    {
        const long below = 100_000;
        const long above = 100_001;

        var exact = KolmogorovDistribution.SmirnovUpperTail(below, z / Math.Sqrt(below));
        var asymptotic = KolmogorovDistribution.SmirnovUpperTail(above, z / Math.Sqrt(above));

        NumericAssert.Close(exact, asymptotic, $"z = {z}", relative: 1e-5);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(1.3580986)]
    [InlineData(2.0)]
    public void Survival_ForHugeSamples_ApproachesTheLimitingDistribution(double z)
    {
        const long n = 10_000_000;

        var survival = KolmogorovDistribution.Survival(n, z / Math.Sqrt(n));

        NumericAssert.Close(KolmogorovDistribution.LimitingSurvival(z), survival, $"z = {z}", relative: 1e-3);
    }

    [Fact]
    public void LimitingSurvival_AtTheFivePercentPoint_IsFivePercent()
    {
        NumericAssert.Close(0.05, KolmogorovDistribution.LimitingSurvival(1.3580986393225507), "K(1.358)", relative: 1e-7);
        NumericAssert.Close(0.95, KolmogorovDistribution.LimitingCdf(1.3580986393225507), "K(1.358)", relative: 1e-8);
    }

    [Fact]
    public void LimitingCdf_AcrossTheSwitchOfSeries_IsContinuous()
    {
        // Below 1 the theta series, from 1 the alternating series: they must agree where they meet.
        NumericAssert.Close(KolmogorovDistribution.LimitingCdf(1.0), KolmogorovDistribution.LimitingCdf(1.0 - 1e-13), "z = 1", relative: 1e-12);
        NumericAssert.Close(KolmogorovDistribution.LimitingSurvival(1.0), KolmogorovDistribution.LimitingSurvival(1.0 - 1e-13), "z = 1", relative: 1e-12);
    }

    [Theory]
    [InlineData(141)]
    [InlineData(200)]
    [InlineData(1_000)]
    [InlineData(5_000)]
    [InlineData(30_000)]
    [InlineData(100_000)]
    public void FastSurvival_AgainstSurvival_StaysWithinItsStatedError(int n)
    {
        for (var step = 1; step <= 120; step++)
        {
            var x = step / 20.0 / Math.Sqrt(n);
            var full = KolmogorovDistribution.Survival(n, x);
            var fast = KolmogorovDistribution.FastSurvival(n, x);

            Assert.True(Math.Abs(fast - full) < 1e-5, $"n = {n}, x = {x}: fast {fast} vs {full}");
            if (full >= 1e-4)
            {
                Assert.True(Math.Abs(fast - full) <= 2e-3 * full, $"n = {n}, x = {x}: fast {fast} vs {full}");
            }
        }
    }

    [Fact]
    public void FastSurvival_ForSmallSamples_IsSurvival()
    {
        for (var step = 1; step < 100; step++)
        {
            Assert.Equal(KolmogorovDistribution.Survival(140, step / 100.0), KolmogorovDistribution.FastSurvival(140, step / 100.0));
        }
    }
}
