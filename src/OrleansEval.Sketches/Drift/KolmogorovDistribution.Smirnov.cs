namespace OrleansEval.Sketches.Drift;

public static partial class KolmogorovDistribution
{
    /// <summary>
    /// One-sided tail P(D_n⁺ ≥ x). For n ≤ 100,000 the exact Smirnov (Birnbaum–Tingey) sum
    /// x Σ_{j=0}^{⌊n(1−x)⌋} C(n, j) (x + j/n)^(j−1) (1 − x − j/n)^(n−j), summed in logarithms with a running maximum so
    /// that neither the binomial coefficients nor the powers overflow; beyond, Smirnov's asymptotic expansion
    /// (1 − (2u² − 4u − 1) / (18n)) e^(−u) with u = (6nx + 1)² / (18n), whose relative error is below 1e-6 there for
    /// n x² ≤ 50.
    /// </summary>
    internal static double SmirnovUpperTail(long n, double x)
    {
        if (x >= 1)
        {
            return 0;
        }

        if (x <= 0)
        {
            return 1;
        }

        if (n > ExactSmirnovSampleLimit)
        {
            return SmirnovAsymptoticUpperTail(n, x);
        }

        var t = n * x;
        var logX = Math.Log(x);
        var last = (long)Math.Floor(n - t);

        // ln C(n, j) kept as a compensated running sum of ln((n − j) / (j + 1)).
        double logBinomial = 0, compensation = 0;
        double maxLog = double.NegativeInfinity, scaledSum = 0;
        for (var j = 0L; j <= last; j++)
        {
            var below = (n - j - t) / n;
            if (below <= 0)
            {
                break;
            }

            var logTerm = logX + logBinomial + compensation + ((j - 1) * Math.Log((t + j) / n)) + ((n - j) * Math.Log(below));
            if (logTerm > maxLog)
            {
                scaledSum = (scaledSum * Math.Exp(maxLog - logTerm)) + 1;
                maxLog = logTerm;
            }
            else
            {
                scaledSum += Math.Exp(logTerm - maxLog);
            }

            var increment = Math.Log((double)(n - j) / (j + 1));
            var sum = logBinomial + increment;
            compensation += Math.Abs(logBinomial) >= Math.Abs(increment)
                ? logBinomial - sum + increment
                : increment - sum + logBinomial;
            logBinomial = sum;
        }

        return Math.Clamp(Math.Exp(maxLog + Math.Log(scaledSum)), 0, 1);
    }

    /// <summary>
    /// Smirnov's asymptotic expansion of P(D_n⁺ ≥ x): (1 − (2u² − 4u − 1) / (18n)) e^(−u), u = (6nx + 1)² / (18n).
    /// Its relative error is roughly 0.08 (n x²)⁴ / n²; where the bracket turns negative (u ≳ 3√n, so the tail is below
    /// e^(−3√n)) the result is 0.
    /// </summary>
    internal static double SmirnovAsymptoticUpperTail(long n, double x)
    {
        var u = ((6 * n * x) + 1) * ((6 * n * x) + 1) / (18.0 * n);
        var v = 1 - ((((2 * u) - 4) * u) - 1) / (18.0 * n);
        return Math.Clamp(v * Math.Exp(-u), 0, 1);
    }
}
