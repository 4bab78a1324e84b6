using OrleansEval.Sketches.Performance;
using OrleansEval.Sketches.Tests.Serialization;
using Xunit.Abstractions;

namespace OrleansEval.Sketches.Tests.Performance;

public class RegressionPerformanceStateTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(MetricsVectorCase.RegressionNames), MemberType = typeof(MetricsVectorCase))]
    public void ComputeMetrics_VectorCase_MatchesWithin1e9Relative(string name)
    {
        var vector = MetricsVectorCase.Get(name);
        var state = Build(vector.Actuals, vector.Predictions);
        var metrics = state.ComputeMetrics();

        Assert.True(state.IsExact);
        Assert.Equal((long)vector.Number("n"), metrics.Count);
        MetricAssert.Close(vector.Number("mae"), metrics.MeanAbsoluteError, "mae");
        MetricAssert.Close(vector.Number("mse"), metrics.MeanSquaredError, "mse");
        MetricAssert.Close(vector.Number("rmse"), metrics.RootMeanSquaredError, "rmse");
        MetricAssert.Close(vector.Number("mape_fraction"), metrics.MeanAbsolutePercentageError, "mape_fraction");
        MetricAssert.Close(vector.Number("r2"), metrics.R2, "r2");
        MetricAssert.Close(vector.Number("median_ae"), metrics.MedianAbsoluteError, "median_ae");
        Assert.Equal(0, metrics.MedianRelativeAccuracy);
    }

    [Theory]
    [MemberData(nameof(MetricsVectorCase.RegressionNames), MemberType = typeof(MetricsVectorCase))]
    public void Bias_VectorCase_IsMeanOfPredictionMinusActual(string name)
    {
        var vector = MetricsVectorCase.Get(name);
        var metrics = Build(vector.Actuals, vector.Predictions).ComputeMetrics();

        var expected = vector.Actuals.Zip(vector.Predictions, (y, p) => p - y).Average();
        MetricAssert.Close(expected, metrics.Bias, "bias", absolute: 1e-12);
    }

    [Fact]
    public void Bias_ModelThatOverPredicts_IsPositive()
    {
        var vector = MetricsVectorCase.Get("skewed_biased");
        Assert.True(Build(vector.Actuals, vector.Predictions).ComputeMetrics().Bias.Value > 1);
    }

    [Fact]
    public void R2_ConstantTruth_FollowsTheReferenceConvention()
    {
        var imperfect = Build([7, 7, 7], [6, 7, 8]).ComputeMetrics();
        var perfect = Build([7, 7, 7], [7, 7, 7]).ComputeMetrics();

        MetricAssert.Close(0, imperfect.R2, "r2 of an imperfect prediction of a constant");
        MetricAssert.Close(1, perfect.R2, "r2 of a perfect prediction of a constant");
    }

    [Fact]
    public void ComputeMetrics_FewRows_UndefinedWithReasons()
    {
        var empty = new RegressionPerformanceState().ComputeMetrics();
        MetricAssert.Undefined(empty.MeanAbsoluteError, UndefinedMetricReasons.NoRows, "mae");
        MetricAssert.Undefined(empty.MedianAbsoluteError, UndefinedMetricReasons.NoRows, "median");
        MetricAssert.Undefined(empty.R2, UndefinedMetricReasons.NoRows, "r2");

        var one = Build([3], [1]).ComputeMetrics();
        MetricAssert.Close(2, one.MeanAbsoluteError, "mae");
        MetricAssert.Undefined(one.R2, UndefinedMetricReasons.FewerThanTwoRows, "r2");
    }

    [Fact]
    public void R2_LargeMeanSmallSpread_KeepsFullPrecision()
    {
        // Σy² and (Σy)²/n agree in their first 16 digits here, so any formula that subtracts them in doubles fails.
        var random = new DeterministicRandom(5);
        var actual = new double[5000];
        var predicted = new double[5000];
        for (var i = 0; i < actual.Length; i++)
        {
            actual[i] = 1e9 + random.NextNormal();
            predicted[i] = actual[i] + (0.3 * random.NextNormal());
        }

        var mean = actual.Average();
        var offset = actual.Select(y => y - mean).Average();
        var sst = actual.Sum(y => (y - mean - offset) * (y - mean - offset));
        var sse = actual.Zip(predicted, (y, p) => (y - p) * (y - p)).Sum();

        MetricAssert.Close(1 - (sse / sst), Build(actual, predicted).ComputeMetrics().R2, "r2", relative: 1e-11);
    }

    [Fact]
    public void Remove_AfterAdd_RestoresBytesAndMetrics()
    {
        var (actual, predicted) = Rows(1, 3000);
        var state = Build(actual, predicted);
        var bytes = state.Serialize();
        var metrics = state.ComputeMetrics();

        var (extraActual, extraPredicted) = Rows(2, 500);
        for (var i = 0; i < extraActual.Length; i++)
        {
            state.Add(extraActual[i], extraPredicted[i]);
        }

        for (var i = 0; i < extraActual.Length; i++)
        {
            state.Remove(extraActual[i], extraPredicted[i]);
        }

        Assert.True(state.IsExact);
        Assert.Equal(bytes, state.Serialize());
        Assert.Equal(metrics, state.ComputeMetrics());
    }

    [Fact]
    public void Remove_AfterAddWhileSketched_RestoresBytesAndMetrics()
    {
        var (actual, predicted) = Rows(3, 3000, continuous: true);
        var state = Build(actual, predicted, maxDistinctErrors: 100);
        Assert.False(state.IsExact);
        var bytes = state.Serialize();
        var metrics = state.ComputeMetrics();

        var (extraActual, extraPredicted) = Rows(4, 500, continuous: true);
        for (var i = 0; i < extraActual.Length; i++)
        {
            state.Add(extraActual[i], extraPredicted[i]);
        }

        for (var i = extraActual.Length - 1; i >= 0; i--)
        {
            state.Remove(extraActual[i], extraPredicted[i]);
        }

        Assert.Equal(bytes, state.Serialize());
        Assert.Equal(metrics, state.ComputeMetrics());
    }

    [Fact]
    public void Remove_CorrectedActual_EqualsStateThatOnlySawTheCorrection()
    {
        var (actual, predicted) = Rows(5, 1000);
        var corrected = Build(actual, predicted);
        var replayed = Build(actual.Select(y => y + 1.5).ToArray(), predicted);
        for (var i = 0; i < actual.Length; i++)
        {
            replayed.Remove(actual[i] + 1.5, predicted[i]);
            replayed.Add(actual[i], predicted[i]);
        }

        Assert.Equal(corrected.Serialize(), replayed.Serialize());
        Assert.Equal(corrected.ComputeMetrics(), replayed.ComputeMetrics());
    }

    [Fact]
    public void Remove_RowNotCounted_ThrowsAndLeavesStateUnchanged()
    {
        var state = Build([1, 2], [1.5, 2.5]);
        var before = state.Serialize();

        Assert.Throws<InvalidOperationException>(() => state.Remove(1, 3));
        Assert.Throws<InvalidOperationException>(() => new RegressionPerformanceState().Remove(1, 1.5));
        Assert.Equal(before, state.Serialize());
    }

    [Theory]
    [InlineData(double.NaN, 1)]
    [InlineData(1, double.PositiveInfinity)]
    [InlineData(1e200, 1)]
    [InlineData(1e154, -1e154)]
    public void Add_NonFiniteValueOrSquare_ThrowsAndLeavesStateUnchanged(double actual, double predicted)
    {
        var state = Build([1, 2], [1.5, 2.5]);
        var before = state.Serialize();

        Assert.Throws<ArgumentOutOfRangeException>(() => state.Add(actual, predicted));
        Assert.Equal(before, state.Serialize());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Merge_ThreeStates_IsAssociativeAndCommutativeInBytes(bool sketched)
    {
        var cap = sketched ? 200 : RegressionPerformanceState.DefaultMaxDistinctErrors;
        RegressionPerformanceState Part(int i)
        {
            var (actual, predicted) = Rows((ulong)(10 + i), 150 * (i + 1), continuous: sketched);
            return Build(actual, predicted, cap);
        }

        var left = Part(0);
        left.Merge(Part(1));
        left.Merge(Part(2));
        var bc = Part(1);
        bc.Merge(Part(2));
        var right = Part(0);
        right.Merge(bc);
        var reversed = Part(2);
        reversed.Merge(Part(1));
        reversed.Merge(Part(0));

        Assert.Equal(!sketched, left.IsExact);
        Assert.Equal(left.Serialize(), right.Serialize());
        Assert.Equal(left.Serialize(), reversed.Serialize());

        var empty = new RegressionPerformanceState(cap);
        empty.Merge(left);
        Assert.Equal(left.Serialize(), empty.Serialize());
        left.Merge(new RegressionPerformanceState(cap));
        Assert.Equal(empty.Serialize(), left.Serialize());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Merge_OfWindowSplitIntoBuckets_EqualsOneStateOverTheWindow(bool sketched)
    {
        var cap = sketched ? 500 : RegressionPerformanceState.DefaultMaxDistinctErrors;
        var (actual, predicted) = Rows(20, 5000, continuous: sketched);
        var whole = Build(actual, predicted, cap);
        var merged = new RegressionPerformanceState(cap);
        for (var start = 0; start < actual.Length; start += 611)
        {
            var end = Math.Min(start + 611, actual.Length);
            merged.Merge(Build(actual[start..end], predicted[start..end], cap));
        }

        Assert.Equal(!sketched, whole.IsExact);
        Assert.Equal(whole.Serialize(), merged.Serialize());
        Assert.Equal(whole.ComputeMetrics(), merged.ComputeMetrics());
    }

    [Fact]
    public void Merge_WithItself_DoublesEveryRow()
    {
        var (actual, predicted) = Rows(23, 400);
        var state = Build(actual, predicted);
        var expected = Build([.. actual, .. actual], [.. predicted, .. predicted]);

        state.Merge(state);
        Assert.Equal(expected.Serialize(), state.Serialize());
    }

    [Theory]
    [InlineData(0, 200_000)]
    [InlineData(1, 200_001)]
    [InlineData(2, 100_000)]
    public void MedianAbsoluteError_Sketched_IsWithinRelativeAccuracyOfTheExactMedian(int distribution, int n)
    {
        var random = new DeterministicRandom((ulong)(200 + distribution));
        var actual = new double[n];
        var predicted = new double[n];
        var state = new RegressionPerformanceState();
        for (var i = 0; i < n; i++)
        {
            actual[i] = 100 + (10 * random.NextNormal());
            var error = distribution switch
            {
                0 => random.NextNormal(),                               // Gaussian errors
                1 => Math.Exp(3 * random.NextNormal()),                 // errors spanning many decades
                _ => random.NextInt(3) == 0 ? 0 : random.NextDouble(),  // a third exactly zero
            };
            predicted[i] = actual[i] + error;
            state.Add(actual[i], predicted[i]);
        }

        var errors = actual.Zip(predicted, (y, p) => Math.Abs(y - p)).Order().ToArray();
        var exact = n % 2 == 1 ? errors[n / 2] : (errors[(n / 2) - 1] + errors[n / 2]) / 2;
        var median = state.ComputeMetrics().MedianAbsoluteError;

        Assert.False(state.IsExact);
        Assert.Equal(RegressionPerformanceState.MedianRelativeAccuracy, state.ComputeMetrics().MedianRelativeAccuracy);
        var deviation = Math.Abs(median.Value!.Value - exact);
        Assert.True(deviation <= RegressionPerformanceState.MedianRelativeAccuracy * exact * (1 + 1e-12), $"median {median.Value:R} vs exact {exact:R}");
        Assert.True(deviation <= median.Bound, $"deviation {deviation:E3} exceeds the bound {median.Bound:E3}");
        output.WriteLine($"n = {n}, median {median.Value:R}, exact {exact:R}, relative deviation {deviation / exact:E2}, bound {median.Bound:E2}");
    }

    [Fact]
    public void AddAndRemove_SteadyState_AllocateNothing()
    {
        var (actual, predicted) = Rows(24, 3000);
        var state = Build(actual, predicted);
        void Cycle()
        {
            for (var i = 0; i < actual.Length; i++)
            {
                state.Add(actual[i], predicted[i]);
            }

            for (var i = 0; i < actual.Length; i++)
            {
                state.Remove(actual[i], predicted[i]);
            }
        }

        Cycle();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Cycle();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Actuals and errors on the exact 1/64 grid (at most 640 distinct absolute errors), or continuous.</summary>
    internal static (double[] Actual, double[] Predicted) Rows(ulong seed, int count, bool continuous = false)
    {
        var random = new DeterministicRandom(seed);
        var actual = new double[count];
        var predicted = new double[count];
        for (var i = 0; i < count; i++)
        {
            actual[i] = continuous ? (random.NextDouble() * 200) - 50 : (random.NextInt(12_800) - 3_200) / 64.0;
            predicted[i] = continuous ? actual[i] + (random.NextDouble() * 10) - 4 : actual[i] + ((random.NextInt(640) - 256) / 64.0);
        }

        return (actual, predicted);
    }

    internal static RegressionPerformanceState Build(double[] actual, double[] predicted, int maxDistinctErrors = RegressionPerformanceState.DefaultMaxDistinctErrors)
    {
        var state = new RegressionPerformanceState(maxDistinctErrors);
        for (var i = 0; i < actual.Length; i++)
        {
            state.Add(actual[i], predicted[i]);
        }

        return state;
    }
}
