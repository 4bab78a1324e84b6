namespace OrleansEval.Sketches.Estimation;

/// <summary>
/// Least-squares non-decreasing fit by the pool-adjacent-violators algorithm (Ayer, Brunk, Ewing, Reid and Silverman,
/// "An empirical distribution function for sampling with incomplete information", 1955; Barlow, Bartholomew, Bremner and
/// Brunk, "Statistical Inference under Order Restrictions", 1972).
/// </summary>
/// <remarks>
/// Ties in x follow the secondary approach of de Leeuw ("Correctness of Kruskal's algorithms for monotone regression with
/// ties", 1977): observations sharing an x are first replaced by their mean, weighted by their number, so that equal x
/// always receive equal fitted values. The fit is returned as knots: the first and the last distinct x of every pooled
/// block with the block's mean, which is all that linear interpolation between fitted points needs.
/// </remarks>
internal static class IsotonicRegression
{
    /// <summary>Fits non-decreasing values to (x, y) and returns the knots of the fitted function.</summary>
    /// <exception cref="ArgumentException">The inputs differ in length, are empty or hold a non-finite value.</exception>
    public static (double[] X, double[] Y) Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"x has {x.Length} values and y {y.Length}.", nameof(y));
        }

        if (x.IsEmpty)
        {
            throw new ArgumentException("Isotonic regression needs at least one observation.", nameof(x));
        }

        var xs = x.ToArray();
        var ys = y.ToArray();
        for (var i = 0; i < xs.Length; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
            {
                throw new ArgumentException($"Observation {i} is not finite: ({xs[i]}, {ys[i]}).", nameof(x));
            }

            // −0 and +0 are one x.
            xs[i] += 0.0;
        }

        Array.Sort(xs, ys);

        // Distinct x with the sum and number of their y: the tie-collapsing step.
        var distinct = 0;
        var sums = new double[xs.Length];
        var weights = new double[xs.Length];
        for (var i = 0; i < xs.Length; i++)
        {
            if (distinct > 0 && xs[distinct - 1] == xs[i])
            {
                sums[distinct - 1] += ys[i];
                weights[distinct - 1] += 1;
            }
            else
            {
                xs[distinct] = xs[i];
                sums[distinct] = ys[i];
                weights[distinct] = 1;
                distinct++;
            }
        }

        // Pool adjacent violators on a stack of blocks; block b spans distinct x from first[b] to last[b].
        var blockSum = new double[distinct];
        var blockWeight = new double[distinct];
        var first = new int[distinct];
        var last = new int[distinct];
        var top = -1;
        for (var i = 0; i < distinct; i++)
        {
            top++;
            blockSum[top] = sums[i];
            blockWeight[top] = weights[i];
            first[top] = i;
            last[top] = i;

            // Pooling blocks of equal means changes no fitted value and keeps the knot list short.
            while (top > 0 && blockSum[top - 1] / blockWeight[top - 1] >= blockSum[top] / blockWeight[top])
            {
                blockSum[top - 1] += blockSum[top];
                blockWeight[top - 1] += blockWeight[top];
                last[top - 1] = last[top];
                top--;
            }
        }

        var knotCount = 0;
        for (var b = 0; b <= top; b++)
        {
            knotCount += first[b] == last[b] ? 1 : 2;
        }

        var knotX = new double[knotCount];
        var knotY = new double[knotCount];
        var k = 0;
        for (var b = 0; b <= top; b++)
        {
            var value = blockSum[b] / blockWeight[b];
            knotX[k] = xs[first[b]];
            knotY[k++] = value;
            if (first[b] != last[b])
            {
                knotX[k] = xs[last[b]];
                knotY[k++] = value;
            }
        }

        return (knotX, knotY);
    }
}
