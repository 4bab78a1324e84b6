namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Null distribution of the two-sample Kolmogorov–Smirnov statistic D = sup |F_m − G_n| for samples of sizes m and n from
/// the same continuous distribution: exactly, by counting lattice paths, or asymptotically through the one-sample
/// distribution <see cref="KolmogorovDistribution"/> at the effective sample size round(m n / (m + n)).
/// </summary>
public static class TwoSampleKolmogorovDistribution
{
    // Probabilities below this are dropped from the lattice walk: they cannot matter and would slow it down as subnormals.
    private const double Negligible = 1e-300;

    /// <summary>
    /// Exact P(D ≥ d) under the permutation null, with d = <paramref name="numerator"/> / (m n). Every arrangement of the
    /// m + n pooled observations is a monotone lattice path from (0, 0) to (m, n), all C(m + n, m) equally likely, and
    /// D ≥ d exactly when the path reaches a point with |i n − j m| ≥ numerator (Hodges 1957). The walk takes a step
    /// in i from (i, j) with probability (m − i) / ((m − i) + (n − j)); the result is the sum over the boundary points of
    /// the probability of reaching them first, accumulated directly so that tiny p-values keep their relative precision.
    /// Only the band of points still inside is visited: O(m n) time at most, O(min(m, n)) memory.
    /// </summary>
    /// <param name="m">Size of the first sample.</param>
    /// <param name="n">Size of the second sample.</param>
    /// <param name="numerator">D · m · n, an integer between 0 and m · n.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1 or the numerator is negative.</exception>
    public static double ExactSurvival(int m, int n, long numerator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        if (numerator == 0)
        {
            return 1;
        }

        if (numerator > (long)m * n)
        {
            return 0;
        }

        // Rows run along the larger sample, the retained row along the smaller; |i n − j m| is symmetric in the swap.
        var small = Math.Min(m, n);
        var large = Math.Max(m, n);
        var total = (long)small + large;
        var row = new double[small + 1];
        var exit = 0.0;
        for (var r = 0; r <= large; r++)
        {
            var centre = (long)r * small;

            // Inside the band: |r small − c large| < numerator, i.e. lowInside ≤ c ≤ highInside.
            var lowInside = FloorDivide(centre - numerator, large) + 1;
            var highInside = CeilingDivide(centre + numerator, large) - 1;
            var first = (int)Math.Max(0, lowInside - 1);
            var last = (int)Math.Min(small, highInside + 1);
            var verticalWeight = (double)(large - r + 1);
            var left = 0.0;
            for (var c = first; c <= last; c++)
            {
                double value;
                if (r == 0 && c == 0)
                {
                    value = 1;
                }
                else
                {
                    // Both predecessors are r + c − 1 steps from the origin, so share the remaining step count.
                    var inverse = 1.0 / (total - r - c + 1);
                    value = 0;
                    if (r > 0)
                    {
                        value = row[c] * (verticalWeight * inverse);
                    }

                    if (c > 0)
                    {
                        value += left * ((small - c + 1) * inverse);
                    }
                }

                if (c < lowInside || c > highInside)
                {
                    exit += value;
                    value = 0;
                }
                else if (value < Negligible)
                {
                    value = 0;
                }

                row[c] = value;
                left = value;
            }
        }

        return Math.Min(exit, 1);
    }

    /// <summary>
    /// Asymptotic P(D ≥ <paramref name="statistic"/>): the one-sample distribution's survival function at the effective
    /// sample size <see cref="EffectiveSampleSize"/>, i.e. P(D_N ≥ d) with N = round(m n / (m + n)).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public static double AsymptoticSurvival(long m, long n, double statistic) =>
        KolmogorovDistribution.Survival(EffectiveSampleSize(m, n), statistic);

    /// <summary>
    /// round(m n / (m + n)), rounding halves to even, and at least 1: the sample size whose one-sample distribution the
    /// two-sample statistic follows asymptotically.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public static long EffectiveSampleSize(long m, long n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var effective = Math.Round((double)m * n / ((double)m + n), MidpointRounding.ToEven);
        return Math.Max(1, (long)effective);
    }

    private static long FloorDivide(long numerator, long denominator)
    {
        var quotient = numerator / denominator;
        return numerator % denominator != 0 && numerator < 0 ? quotient - 1 : quotient;
    }

    private static long CeilingDivide(long numerator, long denominator)
    {
        var quotient = numerator / denominator;
        return numerator % denominator != 0 && numerator > 0 ? quotient + 1 : quotient;
    }
}
