using OrleansEval.Sketches.Estimation;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Estimation;

public class IsotonicRegressionTests
{
    [Fact]
    public void Fit_TwoViolations_PoolsEachPairIntoItsMean()
    {
        // y = 1, 3, 2, 4, 3.5: (3, 2) pools to 2.5 and (4, 3.5) to 3.75.
        var (x, y) = IsotonicRegression.Fit([1, 2, 3, 4, 5], [1, 3, 2, 4, 3.5]);

        Assert.Equal([1.0, 2, 3, 4, 5], x);
        Assert.Equal([1.0, 2.5, 2.5, 3.75, 3.75], y);
    }

    [Fact]
    public void Fit_ViolationReachingBack_PoolsAcrossEarlierBlocks()
    {
        // 3 then 1 pool to 2 (weight 2); the next 0 violates that block, which absorbs it: (3 + 1 + 0) / 3 = 4/3, still above
        // the first value 0, so the first block stays apart.
        var (x, y) = IsotonicRegression.Fit([1, 2, 3, 4], [0, 3, 1, 0]);

        Assert.Equal([1.0, 2, 4], x);
        Assert.Equal([0.0, 4.0 / 3, 4.0 / 3], y);
    }

    [Fact]
    public void Fit_IncreasingData_IsLeftUnchanged()
    {
        var (x, y) = IsotonicRegression.Fit([0.3, 0.1, 0.2], [0.5, 0.1, 0.2]);

        Assert.Equal([0.1, 0.2, 0.3], x);
        Assert.Equal([0.1, 0.2, 0.5], y);
    }

    [Fact]
    public void Fit_TiedX_AveragesTheirYFirst()
    {
        // x = 1 twice with y 0 and 1: mean 0.5 of weight 2; x = 2 with y 0 violates, pooled (0.5·2 + 0) / 3 = 1/3.
        var (x, y) = IsotonicRegression.Fit([1, 2, 1], [0, 0, 1]);

        Assert.Equal([1.0, 2], x);
        Assert.Equal(1.0 / 3, y[0], 15);
        Assert.Equal(1.0 / 3, y[1], 15);
    }

    [Fact]
    public void Fit_TiedXWithoutViolation_KeepsTheTieMean()
    {
        // The tie at 0.2 averages to 0.5; the equal values at 0.5 and 0.9 form one block, kept as its two end points.
        var (x, y) = IsotonicRegression.Fit([0.2, 0.2, 0.5, 0.9], [0, 1, 1, 1]);

        Assert.Equal([0.2, 0.5, 0.9], x);
        Assert.Equal([0.5, 1.0, 1.0], y);
    }

    [Fact]
    public void Fit_RandomData_EqualsTheMinMaxFormula()
    {
        // Barlow et al.: at the i-th distinct x, the fit is max over s ≤ i of min over t ≥ i of the weighted mean of s..t.
        var random = new DeterministicRandom(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = 1 + random.NextInt(30);
            var xs = new double[n];
            var ys = new double[n];
            for (var i = 0; i < n; i++)
            {
                xs[i] = random.NextInt(12) / 12.0;
                ys[i] = random.NextInt(2) == 0 ? random.NextInt(5) : random.NextDouble();
            }

            var distinct = xs.Distinct().Order().ToArray();
            var sums = distinct.Select(v => Enumerable.Range(0, n).Where(i => xs[i] == v).Sum(i => ys[i])).ToArray();
            var weights = distinct.Select(v => (double)xs.Count(x => x == v)).ToArray();

            var (knotX, knotY) = IsotonicRegression.Fit(xs, ys);
            var map = new Func<double, double>(v => Interpolate(knotX, knotY, v));
            for (var i = 0; i < distinct.Length; i++)
            {
                var best = double.NegativeInfinity;
                for (var s = 0; s <= i; s++)
                {
                    var worst = double.PositiveInfinity;
                    for (var t = i; t < distinct.Length; t++)
                    {
                        var mean = sums[s..(t + 1)].Sum() / weights[s..(t + 1)].Sum();
                        worst = Math.Min(worst, mean);
                    }

                    best = Math.Max(best, worst);
                }

                Assert.Equal(best, map(distinct[i]), 12);
            }
        }
    }

    [Fact]
    public void Fit_MismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => IsotonicRegression.Fit([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => IsotonicRegression.Fit([], []));
        Assert.Throws<ArgumentException>(() => IsotonicRegression.Fit([double.NaN], [1]));
    }

    private static double Interpolate(double[] x, double[] y, double value)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] == value)
            {
                return y[i];
            }
        }

        for (var i = 0; i + 1 < x.Length; i++)
        {
            if (x[i] < value && value < x[i + 1])
            {
                return y[i];
            }
        }

        throw new InvalidOperationException($"{value} lies outside the knots.");
    }
}
