using OrleansEval.Sketches.Performance;
using OrleansEval.Sketches.Tests.Serialization;
using Xunit.Abstractions;

namespace OrleansEval.Sketches.Tests.Performance;

public class BinaryPerformanceStateTests(ITestOutputHelper output)
{
    [Fact]
    public void ComputeMetrics_Empty_EveryMetricUndefinedWithReason()
    {
        var metrics = new BinaryPerformanceState().ComputeMetrics();

        Assert.Equal(0, metrics.Count);
        foreach (var value in new[] { metrics.Accuracy, metrics.Precision, metrics.Recall, metrics.F1, metrics.Specificity, metrics.BalancedAccuracy, metrics.ActualPositiveRate, metrics.PredictedPositiveRate, metrics.MeanScore, metrics.RocAuc, metrics.LogLoss, metrics.Brier })
        {
            MetricAssert.Undefined(value, UndefinedMetricReasons.NoRows, "metric of an empty state");
        }
    }

    [Fact]
    public void ComputeMetrics_RowsWithoutScores_ScoreMetricsUndefinedConfusionDefined()
    {
        var state = new BinaryPerformanceState();
        state.Add(null, predictedPositive: true, actualPositive: true);
        state.Add(null, predictedPositive: false, actualPositive: true);
        var metrics = state.ComputeMetrics();

        MetricAssert.Counting(0.5, metrics.Recall, "recall");
        MetricAssert.Counting(1, metrics.Precision, "precision");
        MetricAssert.Counting(0, metrics.Specificity, "specificity (0/0)");
        MetricAssert.Undefined(metrics.RocAuc, UndefinedMetricReasons.NoScoredRows, "ROC AUC");
        MetricAssert.Undefined(metrics.LogLoss, UndefinedMetricReasons.NoScoredRows, "log loss");
        Assert.Equal(0, metrics.ScoredCount);
    }

    [Fact]
    public void ComputeMetrics_TiedScores_CountHalfAPair()
    {
        var state = new BinaryPerformanceState();
        state.Add(0.5, true, true);
        state.Add(0.5, true, false);
        state.Add(0.75, true, true);
        state.Add(0.25, false, false);

        // Pairs (p, n): (0.5, 0.5) = ½, (0.5, 0.25) = 1, (0.75, 0.5) = 1, (0.75, 0.25) = 1 → 3.5 / 4.
        MetricAssert.Close(0.875, state.ComputeMetrics().RocAuc, "ROC AUC");
    }

    [Theory]
    [InlineData(-0.001)]
    [InlineData(1.0000001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Add_ScoreOutsideUnitInterval_ThrowsAndLeavesStateUnchanged(double score)
    {
        var state = Build(Rows(1, 50));
        var before = state.Serialize();

        Assert.Throws<ArgumentOutOfRangeException>(() => state.Add(score, true, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => state.Remove(score, true, true));
        Assert.Equal(before, state.Serialize());
    }

    [Fact]
    public void Add_NegativeZero_IsStoredAsZero()
    {
        var a = new BinaryPerformanceState();
        a.Add(-0.0, false, false);
        var b = new BinaryPerformanceState();
        b.Add(0.0, false, false);

        Assert.Equal(b.Serialize(), a.Serialize());
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(1, false)]
    public void Remove_AfterAdd_RestoresBytesAndMetrics(int scenario, bool coarse)
    {
        var rows = Rows((ulong)(10 + scenario), 3000, continuous: coarse);
        var state = Build(rows, coarse ? 64 : BinaryPerformanceState.DefaultMaxDistinctScores);
        Assert.Equal(!coarse, state.IsExact);
        var bytes = state.Serialize();
        var metrics = state.ComputeMetrics();

        // Rows already present and rows with new scores (which, when coarse, fall in existing cells).
        var extra = Rows((ulong)(20 + scenario), 200, continuous: coarse);
        foreach (var row in extra)
        {
            state.Add(row.Score, row.Predicted, row.Actual);
        }

        foreach (var row in extra.Reverse())
        {
            state.Remove(row.Score, row.Predicted, row.Actual);
        }

        Assert.Equal(bytes, state.Serialize());
        AssertSameMetrics(metrics, state.ComputeMetrics());
    }

    [Fact]
    public void Remove_CorrectedActual_EqualsStateThatOnlySawTheCorrection()
    {
        var rows = Rows(3, 1000);
        var corrected = new BinaryPerformanceState();
        var replayed = new BinaryPerformanceState();
        foreach (var row in rows)
        {
            replayed.Add(row.Score, row.Predicted, !row.Actual);
        }

        foreach (var row in rows)
        {
            replayed.Remove(row.Score, row.Predicted, !row.Actual);
            replayed.Add(row.Score, row.Predicted, row.Actual);
            corrected.Add(row.Score, row.Predicted, row.Actual);
        }

        Assert.Equal(corrected.Serialize(), replayed.Serialize());
        AssertSameMetrics(corrected.ComputeMetrics(), replayed.ComputeMetrics());
    }

    [Fact]
    public void Remove_EveryRow_ReturnsToEmptyBytes()
    {
        var rows = Rows(4, 500);
        var state = Build(rows);
        foreach (var row in rows)
        {
            state.Remove(row.Score, row.Predicted, row.Actual);
        }

        Assert.True(state.IsEmpty);
        Assert.Equal(new BinaryPerformanceState().Serialize(), state.Serialize());
    }

    [Fact]
    public void Remove_RowNotCounted_ThrowsAndLeavesStateUnchanged()
    {
        var state = new BinaryPerformanceState();
        state.Add(0.25, false, false);
        state.Add(0.75, true, true);
        var before = state.Serialize();

        Assert.Throws<InvalidOperationException>(() => state.Remove(0.25, true, false));
        Assert.Throws<InvalidOperationException>(() => state.Remove(0.3, false, false));
        Assert.Throws<InvalidOperationException>(() => state.Remove(0.25, false, true));
        Assert.Throws<InvalidOperationException>(() => new BinaryPerformanceState().Remove(null, true, true));
        Assert.Equal(before, state.Serialize());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Merge_ThreeStates_IsAssociativeAndCommutativeInBytes(bool coarse)
    {
        var cap = coarse ? 32 : BinaryPerformanceState.DefaultMaxDistinctScores;
        // The middle part is confined to [0, 0.05), so when coarse it sits on a finer grid than the others.
        var narrow = Rows(6, 300, coarse).Select(r => r with { Score = r.Score * 0.05 }).ToArray();
        var parts = new[] { Rows(5, 700, coarse), narrow, Rows(7, 1100, coarse) };
        BinaryPerformanceState Part(int i) => Build(parts[i], cap);

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

        Assert.Equal(!coarse, left.IsExact);
        if (coarse)
        {
            Assert.True(Part(1).Resolution > Part(0).Resolution);
        }

        Assert.Equal(left.Serialize(), right.Serialize());
        Assert.Equal(left.Serialize(), reversed.Serialize());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Merge_WithEmpty_IsNeutral(bool coarse)
    {
        var cap = coarse ? 32 : BinaryPerformanceState.DefaultMaxDistinctScores;
        var rows = Rows(8, 500, coarse);
        var state = Build(rows, cap);
        var bytes = state.Serialize();

        state.Merge(new BinaryPerformanceState(cap));
        Assert.Equal(bytes, state.Serialize());
        var empty = new BinaryPerformanceState(cap);
        empty.Merge(Build(rows, cap));
        Assert.Equal(bytes, empty.Serialize());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Merge_OfWindowSplitIntoBuckets_EqualsOneStateOverTheWindow(bool coarse)
    {
        var cap = coarse ? 100 : BinaryPerformanceState.DefaultMaxDistinctScores;
        var rows = Rows(9, 5000, coarse);
        var whole = Build(rows, cap);

        var merged = new BinaryPerformanceState(cap);
        foreach (var bucket in rows.Chunk(777))
        {
            merged.Merge(Build(bucket, cap));
        }

        Assert.Equal(!coarse, whole.IsExact);
        Assert.Equal(whole.Serialize(), merged.Serialize());
        AssertSameMetrics(whole.ComputeMetrics(), merged.ComputeMetrics());
    }

    [Fact]
    public void Merge_WithItself_DoublesEveryCount()
    {
        var state = Build(Rows(12, 300));
        var expected = Build([.. Rows(12, 300), .. Rows(12, 300)]);

        state.Merge(state);
        Assert.Equal(expected.Serialize(), state.Serialize());
    }

    [Fact]
    public void Add_MoreDistinctScoresThanTheCap_CoarsensToTheFinestGridThatFits()
    {
        var state = new BinaryPerformanceState(maxDistinctScores: 16);
        for (var i = 0; i < 16; i++)
        {
            state.Add(i / 16.0, false, false);
        }

        Assert.True(state.IsExact);
        state.Add(0.5 + (1 / 64.0), false, false);

        // 17 distinct scores: on the 2^-5 grid 0.5 + 1/64 shares the cell of 0.5 (16 cells); the 2^-6 grid needs 17.
        Assert.False(state.IsExact);
        Assert.Equal(5, state.Resolution);
        Assert.Equal(16, state.DistinctNegativeScores);
        Assert.Equal(17, state.ComputeMetrics().ScoredCount);
    }

    [Fact]
    public void Merge_ExactIntoCoarse_TakesTheCoarserResolution()
    {
        var coarse = new BinaryPerformanceState(maxDistinctScores: 8);
        for (var i = 0; i < 9; i++)
        {
            coarse.Add(i / 9.0, false, true);
        }

        var exact = new BinaryPerformanceState(maxDistinctScores: 8);
        exact.Add(0.123456789, false, false);
        exact.Add(0.987654321, false, false);

        var resolution = coarse.Resolution;
        Assert.NotNull(resolution);
        exact.Merge(coarse);
        Assert.Equal(resolution, exact.Resolution);
        Assert.Equal(11, exact.ScoredCount);
    }

    [Theory]
    [InlineData(0, 200_000)]
    [InlineData(1, 200_000)]
    [InlineData(2, 250_000)]
    public void RocAuc_CoarseOverManyDistinctScores_IsWithinTheStatedBound(int distribution, int n)
    {
        var random = new DeterministicRandom((ulong)(100 + distribution));
        var scores = new double[n];
        var actual = new bool[n];
        var state = new BinaryPerformanceState();
        for (var i = 0; i < n; i++)
        {
            actual[i] = random.NextDouble() < 0.3;
            var z = random.NextNormal() + (actual[i] ? 1.2 : 0);
            scores[i] = distribution switch
            {
                0 => 1 / (1 + Math.Exp(-z)),                     // spread over (0, 1)
                1 => 0.5 + (0.001 * Math.Tanh(z)),               // a narrow band around one half
                _ => Math.Pow(1 / (1 + Math.Exp(-z)), 6),        // piled up near zero
            };
            state.Add(scores[i], scores[i] >= 0.5, actual[i]);
        }

        var exact = ExactRocAuc(scores, actual);
        var metrics = state.ComputeMetrics();
        var error = Math.Abs(metrics.RocAuc.Value!.Value - exact);

        Assert.False(state.IsExact);
        Assert.True(state.DistinctPositiveScores <= state.MaxDistinctScores && state.DistinctNegativeScores <= state.MaxDistinctScores);
        Assert.Equal(state.RocAucBound, metrics.RocAuc.Bound);
        Assert.True(error <= state.RocAucBound, $"|AUC − exact| = {error:E3} exceeds the bound {state.RocAucBound:E3}");
        Assert.True(state.RocAucBound < 5e-3, $"bound {state.RocAucBound:E3} at resolution {state.Resolution}");
        output.WriteLine($"n = {n}, resolution 2^-{state.Resolution}, AUC {metrics.RocAuc.Value:F6}, exact {exact:F6}, |error| {error:E2}, bound {state.RocAucBound:E2}");
        Assert.True(state.RocAucBound > 0);
    }

    [Fact]
    public void Coarse_LogLossBrierAndCalibration_StayExact()
    {
        var rows = Rows(13, 20_000, continuous: true);
        var exact = Build(rows, BinaryPerformanceState.MaximumMaxDistinctScores).ComputeMetrics();
        var coarse = Build(rows, 64).ComputeMetrics();

        Assert.NotNull(coarse.ScoreResolution);
        Assert.Null(exact.ScoreResolution);
        Assert.Equal(exact.LogLoss, coarse.LogLoss);
        Assert.Equal(exact.Brier, coarse.Brier);
        Assert.Equal(exact.MeanScore, coarse.MeanScore);
        Assert.Equal(exact.CalibrationBins, coarse.CalibrationBins);
        Assert.True(Math.Abs(exact.RocAuc.Value!.Value - coarse.RocAuc.Value!.Value) <= coarse.RocAuc.Bound);
    }

    [Fact]
    public void AddAndRemove_SteadyState_AllocateNothing()
    {
        var rows = Rows(14, 4000);
        var state = Build(rows);
        void Cycle()
        {
            foreach (var row in rows)
            {
                state.Add(row.Score, row.Predicted, row.Actual);
            }

            foreach (var row in rows)
            {
                state.Remove(row.Score, row.Predicted, row.Actual);
            }
        }

        Cycle();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Cycle();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    internal readonly record struct Row(double? Score, bool Predicted, bool Actual);

    /// <summary>Rows with scores on a 1/1000 grid (or continuous), one in twenty without a score, actuals drawn from the score.</summary>
    internal static Row[] Rows(ulong seed, int count, bool continuous = false)
    {
        var random = new DeterministicRandom(seed);
        var rows = new Row[count];
        for (var i = 0; i < count; i++)
        {
            var score = continuous ? random.NextDouble() : random.NextInt(1001) / 1000.0;
            var actual = random.NextDouble() < score;
            rows[i] = new Row(random.NextInt(20) == 0 ? null : score, score >= 0.5, actual);
        }

        return rows;
    }

    internal static BinaryPerformanceState Build(IEnumerable<Row> rows, int cap = BinaryPerformanceState.DefaultMaxDistinctScores)
    {
        var state = new BinaryPerformanceState(cap);
        foreach (var row in rows)
        {
            state.Add(row.Score, row.Predicted, row.Actual);
        }

        return state;
    }

    internal static void AssertSameMetrics(BinaryPerformanceMetrics expected, BinaryPerformanceMetrics actual)
    {
        Assert.Equal(expected with { CalibrationBins = [] }, actual with { CalibrationBins = [] });
        Assert.Equal(expected.CalibrationBins, actual.CalibrationBins);
    }

    /// <summary>The Mann–Whitney statistic by sorting: each positive–negative pair counts 1 when ordered, ½ when tied.</summary>
    private static double ExactRocAuc(double[] scores, bool[] actual)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        double concordant = 0;
        long negativesBelow = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            long tiedPositives = 0, tiedNegatives = 0;
            while (end < order.Length && scores[order[end]] == scores[order[start]])
            {
                if (actual[order[end]])
                {
                    tiedPositives++;
                }
                else
                {
                    tiedNegatives++;
                }

                end++;
            }

            concordant += (tiedPositives * (double)negativesBelow) + (0.5 * tiedPositives * tiedNegatives);
            negativesBelow += tiedNegatives;
            positives += tiedPositives;
            start = end;
        }

        return concordant / (positives * (double)negativesBelow);
    }
}
