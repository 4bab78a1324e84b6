namespace OrleansEval.Sketches.Drift;

public static partial class KolmogorovDistribution
{
    /// <summary>
    /// Pomeranz's recursion (1974) for P(D_n &lt; x), n ≤ 140. With t = n x and the scaled uniform order statistics
    /// V_i = n U_(i), D_n &lt; x holds exactly when i − t &lt; V_i &lt; i − 1 + t for every i. The bounds change only at the
    /// break points p + t and q − t (p, q integers) inside (0, n); between consecutive break points the number N(s) of
    /// points below s may only grow, and at a break point A it must lie in [⌊A − t⌋ + 1, ⌈A + t⌉ − 1]. The counts added over
    /// a gap of length g are multinomial, so the probability is n! / nⁿ · V(n), where V advances across each gap by
    /// V'(j) = Σ_k V(k) g^(j−k) / (j − k)!. The bounds are computed in integers from c = ⌈2t⌉ (break point p + t admits
    /// p + 1 .. p + c − 1, break point q − t admits q − c + 1 .. q − 1), so no rounding can move them.
    /// </summary>
    internal static double PomeranzCdf(int n, double x)
    {
        var t = n * x;
        var c = (long)Math.Ceiling(2 * t);
        Span<double> values = stackalloc double[n + 1];
        Span<double> next = stackalloc double[n + 1];
        Span<double> gapPowers = stackalloc double[n + 1];
        values[0] = 1;
        long low = 0, high = 0;

        var p = (long)Math.Floor(-t) + 1;
        var q = (long)Math.Floor(t) + 1;
        var previous = 0.0;
        while (true)
        {
            var atP = p + t;
            var atQ = q - t;
            double position;
            long lower, upper;
            var last = false;
            if (atP < n && atP <= atQ)
            {
                (position, lower, upper) = (atP, p + 1, p + c - 1);
                p++;
            }
            else if (atQ < n)
            {
                (position, lower, upper) = (atQ, q - c + 1, q - 1);
                q++;
            }
            else
            {
                (position, lower, upper, last) = (n, n, n, true);
            }

            lower = Math.Max(Math.Max(lower, 0), low);
            upper = Math.Min(upper, n);
            if (lower > upper)
            {
                return 0;
            }

            var gap = Math.Max(position - previous, 0);
            previous = position;
            gapPowers[0] = 1;
            for (var d = 1; d <= upper - low; d++)
            {
                gapPowers[d] = gapPowers[d - 1] * gap / d;
            }

            for (var j = lower; j <= upper; j++)
            {
                var sum = 0.0;
                var top = Math.Min(j, high);
                for (var i = low; i <= top; i++)
                {
                    sum += values[(int)i] * gapPowers[(int)(j - i)];
                }

                next[(int)j] = sum;
            }

            var swap = values;
            values = next;
            next = swap;
            (low, high) = (lower, upper);
            if (last)
            {
                break;
            }
        }

        var probability = values[n];
        for (var i = 1; i <= n; i++)
        {
            probability = probability * i / n;
        }

        return Math.Clamp(probability, 0, 1);
    }
}
