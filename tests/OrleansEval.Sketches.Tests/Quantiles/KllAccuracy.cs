using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Tests.Quantiles;

/// <summary>Measures a sketch's rank error against the sorted data it summarises.</summary>
internal static class KllAccuracy
{
    /// <summary>
    /// Largest |estimated − true| normalised rank (fraction strictly below) over the data's quantiles at
    /// 1/(points + 1), ..., points/(points + 1) and half-way between neighbouring ones.
    /// </summary>
    public static double MaxRankError(IQuantileSketch sketch, double[] sorted, int points)
    {
        double worst = 0;
        for (var i = 1; i <= points; i++)
        {
            var index = (int)((long)i * (sorted.Length - 1) / (points + 1));
            var next = sorted[Math.Min(index + 1, sorted.Length - 1)];
            foreach (var x in new[] { sorted[index], (sorted[index] + next) / 2 })
            {
                var truth = (double)LowerBound(sorted, x) / sorted.Length;
                worst = Math.Max(worst, Math.Abs(sketch.Rank(x) - truth));
            }
        }

        return worst;
    }

    // First index whose value is >= x.
    public static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
