using MathNet.Numerics.Distributions;

namespace OrleansEval.Sketches.Comparison;

/// <summary>
/// The paired t-test of two models' per-row losses on the same rows (as SciPy's <c>ttest_rel</c>): with dᵢ the
/// difference of row i's losses, t = mean(d)/(sd(d)/√n) on n − 1 degrees of freedom, p = 2·T(−|t|). Fewer than two
/// rows: t = 0, p = 1. Differences that never vary (SciPy answers NaN there): p = 1 when they are all 0; else t is
/// infinite and p = 0, since a constant non-zero difference is as certain as a difference gets. Differences too large
/// for a double to sum (t not finite) are undecided: t = 0, p = 1.
/// </summary>
public static class PairedTTest
{
    /// <summary>The test of <paramref name="first"/>'s losses against <paramref name="second"/>'s, row by row.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static PairedTestResult Compute(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        if (first.Length != second.Length)
        {
            throw new ArgumentException("Both models must have a loss for every row.", nameof(second));
        }

        var count = first.Length;
        var mean = 0.0;
        for (var i = 0; i < count; i++)
        {
            mean += first[i] - second[i];
        }

        mean = count == 0 ? 0 : mean / count;
        var squares = 0.0;
        for (var i = 0; i < count; i++)
        {
            var deviation = first[i] - second[i] - mean;
            squares += deviation * deviation;
        }

        if (count < 2 || !double.IsFinite(mean) || (!(squares > 0) && mean == 0))
        {
            return new PairedTestResult("pairedT", 0, 1);
        }

        if (!(squares > 0))
        {
            return new PairedTestResult("pairedT", mean > 0 ? double.PositiveInfinity : double.NegativeInfinity, 0);
        }

        var t = mean / Math.Sqrt(squares / (count - 1) / count);
        if (!double.IsFinite(t))
        {
            return new PairedTestResult("pairedT", 0, 1);
        }

        return new PairedTestResult("pairedT", t, Math.Min(1, 2 * StudentT.CDF(0, 1, count - 1, -Math.Abs(t))));
    }
}
