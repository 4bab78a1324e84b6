namespace OrleansEval.Sketches.Drift;

public static partial class KolmogorovDistribution
{
    /// <summary>
    /// Pelz and Good (1976) asymptotic series, as stated by Simard and L'Ecuyer (2011): with z = x √n,
    /// P(D_n ≤ x) ≈ K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^(3/2), where K0 is the limiting (Kolmogorov) cdf and
    /// <code>
    /// K1 = √(π/2) / (6 z⁴) Σ_k [π²(k+½)² − z²] e_k
    /// K2 = √(π/2) / (72 z⁷) Σ_k [6z⁶ + 2z⁴ + π²(2z⁴ − 5z²)(k+½)² + π⁴(1 − 2z²)(k+½)⁴] e_k − √(π/2) / (36 z³) Σ_{k≠0} π²k² f_k
    /// K3 = √(π/2) / (6480 z¹⁰) Σ_k [π⁶(k+½)⁶(5 − 30z²) + π⁴(k+½)⁴(212z⁴ − 60z²) + π²(k+½)²(135z⁴ − 96z⁶) − 30z⁶ − 90z⁸] e_k
    ///      + √(π/2) / (216 z⁶) Σ_{k≠0} (3π²k²z² − π⁴k⁴) f_k
    /// </code>
    /// with e_k = exp(−π²(k+½)² / (2z²)), f_k = exp(−π²k² / (2z²)) and the sums over all integers k; both summands are
    /// even, so each is twice the sum over k ≥ 0 (respectively k ≥ 1).
    /// </summary>
    internal static double PelzGoodCdf(long n, double x)
    {
        var z = x * Math.Sqrt(n);
        var z2 = z * z;
        var z4 = z2 * z2;
        var z6 = z4 * z2;
        var z8 = z4 * z4;
        var piSquared = Math.PI * Math.PI;

        // Half-integer sums, indexed by the odd j = 2k + 1 so that π²(k+½)² = π² j² / 4. K0's terms are the same e_k.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var c2a = (6 * z6) + (2 * z4);
        var c2b = (2 * z4) - (5 * z2);
        var c2c = 1 - (2 * z2);
        var c3a = 5 - (30 * z2);
        var c3b = (212 * z4) - (60 * z2);
        var c3c = (135 * z4) - (96 * z6);
        var c3d = (30 * z6) + (90 * z8);
        double first = 0;
        for (var j = 1; j < 10_000; j += 2)
        {
            var w = piSquared * j * j / 4;
            var e = Math.Exp(-w / (2 * z2));
            if (j == 1)
            {
                first = e;
            }

            if (e == 0 || (j > 1 && e * (1 + (w * w * w)) < 1e-22 * first))
            {
                break;
            }

            s0 += e;
            s1 += (w - z2) * e;
            s2 += (c2a + (c2b * w) + (c2c * w * w)) * e;
            s3 += ((c3a * w * w * w) + (c3b * w * w) + (c3c * w) - c3d) * e;
        }

        // Integer sums over k ≥ 1.
        double t2 = 0, t3 = 0;
        for (var k = 1; k < 10_000; k++)
        {
            var w = piSquared * k * k;
            var f = Math.Exp(-w / (2 * z2));
            if (f == 0 || (k > 1 && f * (1 + (w * w)) < 1e-22 * first))
            {
                break;
            }

            t2 += w * f;
            t3 += ((3 * z2 * w) - (w * w)) * f;
        }

        var root = Math.Sqrt(Math.PI / 2);
        var k0 = Math.Sqrt(2 * Math.PI) / z * s0;
        var k1 = root / (6 * z4) * 2 * s1;
        var k2 = (root / (72 * z6 * z) * 2 * s2) - (root / (36 * z2 * z) * 2 * t2);
        var k3 = (root / (6480 * z8 * z2) * 2 * s3) + (root / (216 * z6) * 2 * t3);
        var rootN = Math.Sqrt(n);
        return k0 + (k1 / rootN) + (k2 / n) + (k3 / (n * rootN));
    }
}
