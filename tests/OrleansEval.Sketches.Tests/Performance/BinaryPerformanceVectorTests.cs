using OrleansEval.Sketches.Performance;

namespace OrleansEval.Sketches.Tests.Performance;

/// <summary>
/// The binary classification cases of the reference vectors: counting metrics to 1e-12, ROC AUC, log loss and Brier
/// score to 1e-9 relative (every case fits the exact score maps).
/// </summary>
public class BinaryPerformanceVectorTests
{
    [Theory]
    [MemberData(nameof(MetricsVectorCase.BinaryNames), MemberType = typeof(MetricsVectorCase))]
    public void ComputeMetrics_VectorCase_MatchesConfusionCounts(string name)
    {
        var vector = MetricsVectorCase.Get(name);
        var metrics = Build(vector).ComputeMetrics();

        var expected = vector.Counts("tp_fp_tn_fn");
        Assert.Equal(expected, new[] { metrics.TruePositives, metrics.FalsePositives, metrics.TrueNegatives, metrics.FalseNegatives });
        Assert.Equal(vector.Scores.Length, metrics.Count);
        Assert.Equal(vector.Scores.Length, metrics.ScoredCount);
    }

    [Theory]
    [MemberData(nameof(MetricsVectorCase.BinaryNames), MemberType = typeof(MetricsVectorCase))]
    public void ComputeMetrics_VectorCase_MatchesCountingMetrics(string name)
    {
        var vector = MetricsVectorCase.Get(name);
        var metrics = Build(vector).ComputeMetrics();

        MetricAssert.Counting(vector.Number("accuracy"), metrics.Accuracy, "accuracy");
        MetricAssert.Counting(vector.Number("precision"), metrics.Precision, "precision");
        MetricAssert.Counting(vector.Number("recall"), metrics.Recall, "recall");
        MetricAssert.Counting(vector.Number("f1"), metrics.F1, "f1");
        MetricAssert.Counting(vector.Number("specificity"), metrics.Specificity, "specificity");
        MetricAssert.Counting(vector.Number("balanced_accuracy"), metrics.BalancedAccuracy, "balanced accuracy");
    }

    [Theory]
    [MemberData(nameof(MetricsVectorCase.BinaryNames), MemberType = typeof(MetricsVectorCase))]
    public void ComputeMetrics_VectorCase_MatchesScoreMetrics(string name)
    {
        var vector = MetricsVectorCase.Get(name);
        var state = Build(vector);
        var metrics = state.ComputeMetrics();

        Assert.True(state.IsExact);
        Assert.Null(metrics.ScoreResolution);
        if (vector.Has("score_metrics_error"))
        {
            MetricAssert.Undefined(metrics.RocAuc, UndefinedMetricReasons.OneClass, "ROC AUC");
            Assert.Equal(0, state.RocAucBound);
            return;
        }

        MetricAssert.Close(vector.Number("roc_auc"), metrics.RocAuc, "ROC AUC");
        MetricAssert.Close(vector.Number("log_loss"), metrics.LogLoss, "log loss");
        MetricAssert.Close(vector.Number("brier"), metrics.Brier, "Brier score");
        Assert.Equal(0, state.RocAucBound);
    }

    [Fact]
    public void ComputeMetrics_SingleClassTruth_KeepsLogLossAndBrierDefined()
    {
        // The reference raises for the whole score block; with the positive class fixed by the caller, log loss and
        // Brier score remain well-defined means, and only ROC AUC is undefined.
        var vector = MetricsVectorCase.Get("single_class_truth");
        var metrics = Build(vector).ComputeMetrics();

        var logLoss = vector.Scores.Average(s => -Math.Log(1 - Math.Clamp(s, 1e-15, 1 - 1e-15)));
        var brier = vector.Scores.Average(s => s * s);
        MetricAssert.Close(logLoss, metrics.LogLoss, "log loss");
        MetricAssert.Close(brier, metrics.Brier, "Brier score");
    }

    [Theory]
    [MemberData(nameof(MetricsVectorCase.BinaryNames), MemberType = typeof(MetricsVectorCase))]
    public void ComputeMetrics_VectorCase_MatchesRatesAndCalibrationBins(string name)
    {
        var vector = MetricsVectorCase.Get(name);
        var metrics = Build(vector).ComputeMetrics();
        var n = vector.Scores.Length;

        MetricAssert.Counting(vector.ActualPositive.Count(a => a) / (double)n, metrics.ActualPositiveRate, "actual positive rate");
        MetricAssert.Counting(vector.PredictedPositive.Count(p => p) / (double)n, metrics.PredictedPositiveRate, "predicted positive rate");
        MetricAssert.Close(vector.Scores.Average(), metrics.MeanScore, "mean score");

        Assert.Equal(BinaryPerformanceState.CalibrationBinCount, metrics.CalibrationBins.Count);
        for (var b = 0; b < metrics.CalibrationBins.Count; b++)
        {
            var members = Enumerable.Range(0, n).Where(i => Math.Min((int)Math.Floor(vector.Scores[i] * 10), 9) == b).ToArray();
            var bin = metrics.CalibrationBins[b];
            Assert.Equal(b / 10.0, bin.Lower);
            Assert.Equal((b + 1) / 10.0, bin.Upper);
            Assert.Equal(members.Length, bin.Count);
            Assert.Equal(members.Count(i => vector.ActualPositive[i]), bin.Positives);
            if (members.Length == 0)
            {
                MetricAssert.Undefined(bin.MeanScore, UndefinedMetricReasons.EmptyBin, "mean score of an empty bin");
                MetricAssert.Undefined(bin.ObservedPositiveRate, UndefinedMetricReasons.EmptyBin, "rate of an empty bin");
            }
            else
            {
                MetricAssert.Close(members.Average(i => vector.Scores[i]), bin.MeanScore, $"mean score of bin {b}");
                MetricAssert.Counting(members.Count(i => vector.ActualPositive[i]) / (double)members.Length, bin.ObservedPositiveRate, $"rate of bin {b}");
            }
        }
    }

    internal static BinaryPerformanceState Build(MetricsVectorCase vector, int maxDistinctScores = BinaryPerformanceState.DefaultMaxDistinctScores)
    {
        var state = new BinaryPerformanceState(maxDistinctScores);
        for (var i = 0; i < vector.Scores.Length; i++)
        {
            state.Add(vector.Scores[i], vector.PredictedPositive[i], vector.ActualPositive[i]);
        }

        return state;
    }
}
