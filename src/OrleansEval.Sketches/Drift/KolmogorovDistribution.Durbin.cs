namespace OrleansEval.Sketches.Drift;

public static partial class KolmogorovDistribution
{
    // 2^465 ≈ 1e140: the matrix power and the final product are kept within range by scaling with this power of two.
    private const int DurbinScaleExponent = 465;

    /// <summary>
    /// Durbin's matrix formula as organised by Marsaglia, Tsang and Wang (2003): with t = n x, k = ⌊t⌋ + 1, m = 2k − 1 and
    /// h = k − t, P(D_n &lt; x) = n! / nⁿ · (Hⁿ)_{k,k}, where the m × m matrix H has entries 1 / (i − j + 1)! for
    /// i − j + 1 ≥ 0 (else 0), its first column and last row reduced by h^(i+1) / (i+1)! and h^(m−j) / (m−j)!, and its
    /// corner increased by (2h − 1)^m / m! when 2h &gt; 1.
    /// </summary>
    internal static double DurbinCdf(int n, double x)
    {
        var t = n * x;
        var k = (int)Math.Floor(t) + 1;
        var m = (2 * k) - 1;
        var h = k - t;

        var inverseFactorial = new double[m + 1];
        inverseFactorial[0] = 1;
        for (var d = 1; d <= m; d++)
        {
            inverseFactorial[d] = inverseFactorial[d - 1] / d;
        }

        var matrix = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var d = i - j + 1;
                if (d < 0)
                {
                    continue;
                }

                var v = 1.0;
                if (j == 0)
                {
                    v -= Math.Pow(h, i + 1);
                }

                if (i == m - 1)
                {
                    v -= Math.Pow(h, m - j);
                    if (j == 0 && 2 * h > 1)
                    {
                        v += Math.Pow((2 * h) - 1, m);
                    }
                }

                matrix[(i * m) + j] = v * inverseFactorial[d];
            }
        }

        var power = (double[])matrix.Clone();
        var scratch = new double[m * m];
        var exponent = 0L;
        var centre = ((k - 1) * m) + (k - 1);
        for (var bit = 62 - long.LeadingZeroCount(n); bit >= 0; bit--)
        {
            Multiply(power, power, scratch, m);
            (power, scratch) = (scratch, power);
            exponent *= 2;
            if (((n >> (int)bit) & 1) != 0)
            {
                Multiply(power, matrix, scratch, m);
                (power, scratch) = (scratch, power);
            }

            if (power[centre] > 1e140)
            {
                for (var i = 0; i < power.Length; i++)
                {
                    power[i] = Math.ScaleB(power[i], -DurbinScaleExponent);
                }

                exponent += DurbinScaleExponent;
            }
        }

        // Multiply by n! / n^n one factor at a time, rescaling before the value can underflow.
        var s = power[centre];
        for (var i = 1; i <= n; i++)
        {
            s = s * i / n;
            if (s < 1e-140)
            {
                s = Math.ScaleB(s, DurbinScaleExponent);
                exponent -= DurbinScaleExponent;
            }
        }

        return Math.Clamp(Math.ScaleB(s, (int)Math.Clamp(exponent, -4000, 4000)), 0, 1);
    }

    private static void Multiply(double[] left, double[] right, double[] product, int m)
    {
        Array.Clear(product);
        for (var i = 0; i < m; i++)
        {
            var row = i * m;
            for (var l = 0; l < m; l++)
            {
                var a = left[row + l];
                if (a == 0)
                {
                    continue;
                }

                var other = l * m;
                for (var j = 0; j < m; j++)
                {
                    product[row + j] += a * right[other + j];
                }
            }
        }
    }
}
