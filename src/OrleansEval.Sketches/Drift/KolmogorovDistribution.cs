using MathNet.Numerics;

namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Distribution of the two-sided one-sample Kolmogorov–Smirnov statistic D_n = sup |F_n − F| of n observations from a
/// continuous F, and its limit as n → ∞. The method depends on the region of (n, x), as proposed by Simard and L'Ecuyer,
/// "Computing the Two-Sided Kolmogorov-Smirnov Distribution", Journal of Statistical Software 39(11), 2011:
/// <list type="bullet">
/// <item>x ≤ 1/n or x ≥ 1 − 1/n: the exact closed forms of Ruben and Gambino;</item>
/// <item>n ≤ 140: Durbin's matrix formula (Marsaglia, Tsang and Wang 2003) for n x² &lt; 0.754693, Pomeranz's recursion
/// for n x² &lt; 4, and above that the survival function 2 P(D_n⁺ ≥ x) (Miller), with the exact one-sided Smirnov
/// (Birnbaum–Tingey) sum;</item>
/// <item>n &gt; 140: for the survival function, 0 when n x² ≥ 370 and 2 P(D_n⁺ ≥ x) when n x² ≥ 2.2; otherwise the
/// complement of the cdf, which is 1 for n x² ≥ 18, Durbin's formula when n ≤ 100,000 and n x^(3/2) &lt; 1.4, and the
/// Pelz–Good asymptotic series (whose leading term is the limiting distribution) elsewhere. Above n = 100,000 the one-sided
/// tail uses Smirnov's asymptotic expansion instead of the O(n) exact sum.</item>
/// </list>
/// The exact methods are accurate to about 13 significant digits; Pelz–Good to about 5 or more for n &gt; 140.
/// </summary>
public static partial class KolmogorovDistribution
{
    private const int SmallSampleLimit = 140;
    private const long DurbinSampleLimit = 100_000;
    private const long ExactSmirnovSampleLimit = 100_000;

    /// <summary>P(D_n ≤ <paramref name="x"/>) for a sample of <paramref name="n"/> observations.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static double Cdf(long n, double x)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (TryClosedForm(n, x, out var cdf, out _))
        {
            return cdf;
        }

        var nxx = n * x * x;
        if (n <= SmallSampleLimit)
        {
            if (nxx < 0.754693)
            {
                return DurbinCdf((int)n, x);
            }

            return nxx < 4 ? PomeranzCdf((int)n, x) : 1 - (2 * SmirnovUpperTail(n, x));
        }

        return LargeSampleCdf(n, x, nxx);
    }

    /// <summary>P(D_n ≥ <paramref name="x"/>) for a sample of <paramref name="n"/> observations: the test's p-value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static double Survival(long n, double x)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (TryClosedForm(n, x, out _, out var survival))
        {
            return survival;
        }

        var nxx = n * x * x;
        if (n <= SmallSampleLimit)
        {
            if (nxx < 0.754693)
            {
                return 1 - DurbinCdf((int)n, x);
            }

            return nxx < 4 ? 1 - PomeranzCdf((int)n, x) : Math.Min(1, 2 * SmirnovUpperTail(n, x));
        }

        if (nxx >= 370)
        {
            return 0;
        }

        return nxx >= 2.2 ? Math.Min(1, 2 * SmirnovUpperTail(n, x)) : 1 - LargeSampleCdf(n, x, nxx);
    }

    /// <summary>
    /// A constant-time approximation of <see cref="Survival"/> for latency-sensitive callers, meant for statistics taken
    /// from sketches, whose own rank error outweighs the difference. For n ≤ 140 it is <see cref="Survival"/>, which is
    /// cheap there. For n &gt; 140 it avoids the two methods whose cost grows with n: the upper tail (n x² ≥ 2.2) is
    /// 2 P(D_n⁺ ≥ x) from Smirnov's asymptotic expansion instead of the exact sum, and below it the complement of the
    /// Pelz–Good series replaces Durbin's matrix. Against <see cref="Survival"/> the absolute error is below 1e-5 and, where
    /// the p-value is at least 1e-4, the relative error below 2e-3; further out in the tail the relative error grows, and
    /// p-values under about 1e-15 may come out as 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static double FastSurvival(long n, double x)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (n <= SmallSampleLimit || double.IsNaN(x) || TryClosedForm(n, x, out _, out _))
        {
            return Survival(n, x);
        }

        var nxx = n * x * x;
        if (nxx >= 370)
        {
            return 0;
        }

        return nxx >= 2.2
            ? Math.Min(1, 2 * SmirnovAsymptoticUpperTail(n, x))
            : 1 - Math.Clamp(PelzGoodCdf(n, x), 0, 1);
    }

    /// <summary>
    /// Limiting cdf of √n D_n as n → ∞ (Kolmogorov): 1 − 2 Σ_{k≥1} (−1)^(k−1) exp(−2 k² z²), evaluated with the equivalent
    /// theta series √(2π) / z Σ_{k≥1} exp(−(2k − 1)² π² / (8 z²)) for z &lt; 1, where it converges faster.
    /// </summary>
    public static double LimitingCdf(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }

        return z <= 0 ? 0 : z < 1 ? LimitingCdfTheta(z) : 1 - LimitingSurvivalAlternating(z);
    }

    /// <summary>Limiting survival function of √n D_n: 2 Σ_{k≥1} (−1)^(k−1) exp(−2 k² z²); see <see cref="LimitingCdf"/>.</summary>
    public static double LimitingSurvival(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }

        return z <= 0 ? 1 : z < 1 ? 1 - LimitingCdfTheta(z) : LimitingSurvivalAlternating(z);
    }

    private static double LargeSampleCdf(long n, double x, double nxx)
    {
        if (nxx >= 18)
        {
            return 1;
        }

        if (n <= DurbinSampleLimit && n * x * Math.Sqrt(x) < 1.4)
        {
            return DurbinCdf((int)n, x);
        }

        return Math.Clamp(PelzGoodCdf(n, x), 0, 1);
    }

    // Ruben and Gambino (1982): exact where n x ≤ 1 or n x ≥ n − 1, and the trivial ends.
    private static bool TryClosedForm(long n, double x, out double cdf, out double survival)
    {
        var t = n * x;
        if (x >= 1)
        {
            (cdf, survival) = (1, 0);
            return true;
        }

        if (t <= 0.5)
        {
            (cdf, survival) = (0, 1);
            return true;
        }

        if (t <= 1)
        {
            // n! (2x − 1/n)^n = Π_{i=1..n} i (2t − 1) / n; every factor is at most 1.
            var w = (2 * t) - 1;
            double product;
            if (n <= 170)
            {
                product = 1;
                for (var i = 1; i <= n; i++)
                {
                    product *= i * w / n;
                }
            }
            else
            {
                product = Math.Exp(SpecialFunctions.GammaLn(n + 1.0) + (n * Math.Log(w / n)));
            }

            (cdf, survival) = (product, 1 - product);
            return true;
        }

        if (t >= n - 1)
        {
            var tail = 2 * Math.Pow(1 - x, n);
            (cdf, survival) = (1 - tail, tail);
            return true;
        }

        (cdf, survival) = (double.NaN, double.NaN);
        return false;
    }

    private static double LimitingCdfTheta(double z)
    {
        var sum = 0.0;
        var scale = -Math.PI * Math.PI / (8 * z * z);
        for (var j = 1; j < 1000; j += 2)
        {
            var term = Math.Exp(scale * j * j);
            sum += term;
            if (term <= 1e-17 * sum)
            {
                break;
            }
        }

        return Math.Sqrt(2 * Math.PI) / z * sum;
    }

    private static double LimitingSurvivalAlternating(double z)
    {
        var sum = 0.0;
        var sign = 1.0;
        for (var k = 1; k < 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * z * z);
            sum += sign * term;
            sign = -sign;
            if (term <= 1e-17 * sum)
            {
                break;
            }
        }

        return 2 * sum;
    }
}
