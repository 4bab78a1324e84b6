using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// Two-sided tests of a slice's error against the rows outside it. For 0/1 errors: the pooled two-proportion z-test, or
/// Fisher's exact test when an expected cell of the 2 × 2 table is below 5. For real-valued errors: Welch's t-test with
/// Welch–Satterthwaite degrees of freedom. An undefined test (a side with no rows, no variance) answers p = 1.
/// </summary>
public static class SliceSignificance
{
    /// <summary>The relative tolerance under which a table counts as no more likely than the observed one (as SciPy).</summary>
    private const double FisherTolerance = 1 + 1e-7;

    /// <summary>The p-value of <paramref name="sliceErrors"/> errors in <paramref name="sliceSize"/> rows against the rest.</summary>
    /// <returns>The p-value and the test's name, <c>fisherExact</c> or <c>twoProportionZ</c>.</returns>
    public static (double PValue, string Test) Proportions(long sliceErrors, long sliceSize, long restErrors, long restSize)
    {
        var total = sliceSize + restSize;
        var errors = sliceErrors + restErrors;
        if (sliceSize == 0 || restSize == 0)
        {
            return (1, "twoProportionZ");
        }

        var smallestExpected = Math.Min(sliceSize, restSize) * (double)Math.Min(errors, total - errors) / total;
        return smallestExpected < 5
            ? (FisherExact(sliceErrors, sliceSize - sliceErrors, restErrors, restSize - restErrors), "fisherExact")
            : (TwoProportionZ(sliceErrors, sliceSize, restErrors, restSize), "twoProportionZ");
    }

    /// <summary>Pooled two-proportion z-test: z = (p₁ − p₂)/√(p(1 − p)(1/n₁ + 1/n₂)), p-value 2·Φ(−|z|).</summary>
    public static double TwoProportionZ(long successes1, long size1, long successes2, long size2)
    {
        var pooled = (double)(successes1 + successes2) / (size1 + size2);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / size1) + (1.0 / size2)));
        if (!(standardError > 0))
        {
            return 1;
        }

        var z = (((double)successes1 / size1) - ((double)successes2 / size2)) / standardError;
        return Math.Min(1, 2 * Normal.CDF(0, 1, -Math.Abs(z)));
    }

    /// <summary>
    /// Fisher's exact test of the table [[a, b], [c, d]], two-sided: the probability, under the hypergeometric law of the
    /// fixed margins, of every table no more likely than the observed one.
    /// </summary>
    public static double FisherExact(long a, long b, long c, long d)
    {
        var row1 = a + b;
        var column1 = a + c;
        var total = a + b + c + d;
        var lowest = Math.Max(0, row1 + column1 - total);
        var highest = Math.Min(row1, column1);
        var observed = LogHypergeometric(a, row1, column1, total);
        var pValue = 0.0;
        for (var x = lowest; x <= highest; x++)
        {
            var logProbability = LogHypergeometric(x, row1, column1, total);
            if (logProbability <= observed + Math.Log(FisherTolerance))
            {
                pValue += Math.Exp(logProbability);
            }
        }

        return Math.Min(1, pValue);
    }

    /// <summary>
    /// Welch's t-test from each side's size, mean and unbiased variance: t = (m₁ − m₂)/√(v₁/n₁ + v₂/n₂), df by
    /// Welch–Satterthwaite, p-value 2·T_df(−|t|); 1 when a side has fewer than 2 rows or both variances are 0.
    /// </summary>
    public static double WelchT(long size1, double mean1, double variance1, long size2, double mean2, double variance2)
    {
        if (size1 < 2 || size2 < 2)
        {
            return 1;
        }

        var share1 = variance1 / size1;
        var share2 = variance2 / size2;
        var spread = share1 + share2;
        if (!(spread > 0))
        {
            return 1;
        }

        var t = (mean1 - mean2) / Math.Sqrt(spread);
        var freedom = spread * spread / ((share1 * share1 / (size1 - 1)) + (share2 * share2 / (size2 - 1)));
        return Math.Min(1, 2 * StudentT.CDF(0, 1, freedom, -Math.Abs(t)));
    }

    private static double LogHypergeometric(long x, long row1, long column1, long total) =>
        SpecialFunctions.BinomialLn((int)column1, (int)x)
        + SpecialFunctions.BinomialLn((int)(total - column1), (int)(row1 - x))
        - SpecialFunctions.BinomialLn((int)total, (int)row1);
}
