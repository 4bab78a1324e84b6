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

        // Row 0: only steps along the smaller sample, from the origin, which is inside because numerator > 0.
        var highInRowZero = (int)Math.Min(small, CeilingDivide(numerator, large) - 1);
        row[0] = 1;
        for (var c = 1; c <= highInRowZero; c++)
        {
            row[c] = row[c - 1] * (small - c + 1) / (total - c + 1);
        }

        if (highInRowZero < small)
        {
            exit += row[highInRowZero] * (small - highInRowZero) / (total - highInRowZero);
        }

        for (var r = 1; r <= large; r++)
        {
            var centre = (long)r * small;

            // Inside the band: |r small − c large| < numerator, i.e. lowInside ≤ c ≤ highInside. The band moves right by
            // at most one column per row, so every point holding probability from row r − 1 is inside or on its edge.
            var lowInside = FloorDivide(centre - numerator, large) + 1;
            var highInside = CeilingDivide(centre + numerator, large) - 1;
            var first = (int)Math.Max(0, lowInside);
            var last = (int)Math.Min(small, highInside);
            var vertical = (double)(large - r + 1);

            // Both predecessors of (r, c) are r + c − 1 steps from the origin and share the remaining step count.
            var remaining = total - r + 1;
            var left = 0.0;
            if (first > 0)
            {
                // (r, first − 1) is outside: whatever reaches it leaves the band there.
                var c = first - 1;
                exit += row[c] * vertical / (remaining - c);
                row[c] = 0;
            }

            for (var c = first; c <= last; c++)
            {
                var inverse = 1.0 / (remaining - c);
                var value = ((row[c] * vertical) + (left * (small - c + 1))) * inverse;
                if (value < Negligible)
                {
                    value = 0;
                }

                row[c] = value;
                left = value;
            }

            if (last < small)
            {
                // (r, last + 1) is outside; row r − 1 held nothing there, so only the step along the row reaches it.
                var c = last + 1;
                exit += left * (small - c + 1) / (remaining - c);
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
