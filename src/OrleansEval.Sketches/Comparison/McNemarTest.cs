using MathNet.Numerics.Distributions;
using OrleansEval.Sketches.Drift;

namespace OrleansEval.Sketches.Comparison;

/// <summary>
/// McNemar's test of two classifiers on the same rows, from the discordant pairs alone: <c>b</c> rows only the first got
/// right, <c>c</c> rows only the second did. Below <see cref="ExactBelow"/> discordant pairs the exact binomial test
/// (statistic min(b, c), p = min(1, 2·P(Bin(b + c, ½) ≤ min(b, c)))); from there on χ² with the continuity correction,
/// (|b − c| − 1)²/(b + c) on one degree of freedom — as statsmodels' <c>mcnemar</c> with <c>exact=True</c> and with
/// <c>exact=False, correction=True</c>. No discordant pair: p = 1.
/// </summary>
public static class McNemarTest
{
    /// <summary>The number of discordant pairs from which the χ² approximation is used.</summary>
    public const long ExactBelow = 25;

    /// <summary>The test of <paramref name="onlyFirstRight"/> against <paramref name="onlySecondRight"/> discordant pairs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static PairedTestResult Compute(long onlyFirstRight, long onlySecondRight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onlyFirstRight);
        ArgumentOutOfRangeException.ThrowIfNegative(onlySecondRight);
        var discordant = onlyFirstRight + onlySecondRight;
        if (discordant < ExactBelow)
        {
            var smaller = Math.Min(onlyFirstRight, onlySecondRight);
            var pValue = discordant == 0 ? 1 : Math.Min(1, 2 * Binomial.CDF(0.5, (int)discordant, smaller));
            return new PairedTestResult("mcnemarExact", smaller, pValue);
        }

        var excess = Math.Abs(onlyFirstRight - onlySecondRight) - 1.0;
        var statistic = excess * excess / discordant;
        return new PairedTestResult("mcnemar", statistic, ChiSquareTest.SurvivalFunction(statistic, 1));
    }
}
