using System.Numerics;

namespace OrleansEval.Sketches.Performance;

/// <content>The metrics, from the exact sums and the absolute-error distribution.</content>
public sealed partial class RegressionPerformanceState
{
    /// <summary>Computes the metrics of the rows counted.</summary>
    public RegressionPerformanceMetrics ComputeMetrics()
    {
        var n = _count;
        if (n == 0)
        {
            var none = MetricResult.Undefined(UndefinedMetricReasons.NoRows);
            return new RegressionPerformanceMetrics
            {
                Count = 0,
                MeanAbsoluteError = none,
                MeanSquaredError = none,
                RootMeanSquaredError = none,
                MeanAbsolutePercentageError = none,
                R2 = none,
                Bias = none,
                MedianAbsoluteError = none,
                MedianRelativeAccuracy = IsExact ? 0 : MedianRelativeAccuracy,
            };
        }

        var meanSquaredError = _squaredErrorSum.ToDouble() / n;
        var median = _absoluteErrors.Median();
        return new RegressionPerformanceMetrics
        {
            Count = n,
            MeanAbsoluteError = MetricResult.Exact(_absoluteErrorSum.ToDouble() / n),
            MeanSquaredError = MetricResult.Exact(meanSquaredError),
            RootMeanSquaredError = MetricResult.Exact(Math.Sqrt(meanSquaredError)),
            MeanAbsolutePercentageError = MetricResult.Exact(_percentageErrorSum.ToDouble() / n),
            R2 = ComputeR2(),
            Bias = MetricResult.Exact(-_errorSum.ToDouble() / n),
            MedianAbsoluteError = IsExact
                ? MetricResult.Exact(median)
                : MetricResult.Approximate(median, median * MedianRelativeAccuracy / (1 - MedianRelativeAccuracy)),
            MedianRelativeAccuracy = IsExact ? 0 : MedianRelativeAccuracy,
        };
    }

    /// <summary>
    /// SST·n = n·Σy² − (Σy)², evaluated exactly on the integers behind the exact sums (units 2^-1074 and 2^-2148).
    /// </summary>
    private MetricResult ComputeR2()
    {
        if (_count < 2)
        {
            return MetricResult.Undefined(UndefinedMetricReasons.FewerThanTwoRows);
        }

        if (_squaredErrorSum.IsZero)
        {
            return MetricResult.Exact(1);
        }

        var truth = _truthSum.ToBigInteger();
        var truthSquares = _truthSquareSum.ToBigInteger();
        var scaledSst = (_count * truthSquares << -ExactSum.UnitExponent) - (truth * truth);
        if (scaledSst.Sign <= 0)
        {
            // Constant truth: scikit-learn reports 0 for an imperfect prediction rather than −∞.
            return MetricResult.Exact(0);
        }

        var sst = ToDouble(scaledSst, 2 * ExactSum.UnitExponent) / _count;
        return MetricResult.Exact(1 - (_squaredErrorSum.ToDouble() / sst));
    }

    /// <summary>value·2^<paramref name="exponent"/> for a positive integer, to within one unit in the last place.</summary>
    private static double ToDouble(BigInteger value, int exponent)
    {
        var shift = (int)Math.Max(0, value.GetBitLength() - 128);
        return Math.ScaleB((double)(UInt128)(value >> shift), exponent + shift);
    }
}
