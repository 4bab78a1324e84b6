using OrleansEval.Sketches.Performance;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Performance;

public class MulticlassPerformanceStateTests
{
    [Theory]
    [MemberData(nameof(MetricsVectorCase.ClassificationNames), MemberType = typeof(MetricsVectorCase))]
    public void ComputeMetrics_VectorCase_MatchesCountingMetricsWithin1e12(string name)
    {
        var vector = MetricsVectorCase.Get(name);
        var metrics = Build(vector.TrueLabels, vector.PredictedLabels).ComputeMetrics();

        MetricAssert.Counting(vector.Number("accuracy"), metrics.Accuracy, "accuracy");
        MetricAssert.Counting(vector.Number("precision_macro"), metrics.PrecisionMacro, "precision_macro");
        MetricAssert.Counting(vector.Number("recall_macro"), metrics.RecallMacro, "recall_macro");
        MetricAssert.Counting(vector.Number("f1_macro"), metrics.F1Macro, "f1_macro");
        MetricAssert.Counting(vector.Number("precision_micro"), metrics.PrecisionMicro, "precision_micro");
        MetricAssert.Counting(vector.Number("recall_micro"), metrics.RecallMicro, "recall_micro");
        MetricAssert.Counting(vector.Number("f1_micro"), metrics.F1Micro, "f1_micro");
        MetricAssert.Counting(vector.Number("precision_weighted"), metrics.PrecisionWeighted, "precision_weighted");
        MetricAssert.Counting(vector.Number("recall_weighted"), metrics.RecallWeighted, "recall_weighted");
        MetricAssert.Counting(vector.Number("f1_weighted"), metrics.F1Weighted, "f1_weighted");
    }

    [Theory]
    [MemberData(nameof(MetricsVectorCase.ClassificationNames), MemberType = typeof(MetricsVectorCase))]
    public void ComputeMetrics_VectorCase_MatchesConfusionMatrix(string name)
    {
        var vector = MetricsVectorCase.Get(name);
        var metrics = Build(vector.TrueLabels, vector.PredictedLabels).ComputeMetrics();
        var matrix = vector.Expected.GetProperty("confusion_matrix").GetProperty("matrix_rows_true_cols_pred");

        var labels = vector.Expected.GetProperty("labels").EnumerateArray()
            .Select(l => l.ValueKind == System.Text.Json.JsonValueKind.String ? l.GetString()! : ((int)l.GetDouble()).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        var expected = matrix.EnumerateArray()
            .SelectMany((row, t) => row.EnumerateArray().Select((c, p) => new ConfusionCell(labels[t], labels[p], c.GetInt64())))
            .Where(c => c.Count != 0);
        Assert.Equal(labels, metrics.Labels);
        Assert.Equal(expected, metrics.Confusion);
        Assert.Equal(metrics.Labels.OrderBy(l => l, StringComparer.Ordinal), metrics.Labels);
    }

    [Fact]
    public void ComputeMetrics_Empty_EveryMetricUndefinedWithReason()
    {
        var metrics = new MulticlassPerformanceState().ComputeMetrics();

        Assert.Empty(metrics.Labels);
        MetricAssert.Undefined(metrics.Accuracy, UndefinedMetricReasons.NoRows, "accuracy");
        MetricAssert.Undefined(metrics.F1Macro, UndefinedMetricReasons.NoRows, "f1_macro");
        MetricAssert.Undefined(metrics.PrecisionWeighted, UndefinedMetricReasons.NoRows, "precision_weighted");
    }

    [Fact]
    public void ComputeMetrics_LabelOnlyPredicted_JoinsTheMacroAverageWithZeroRecall()
    {
        var state = new MulticlassPerformanceState();
        state.Add("a", "a");
        state.Add("a", "b");
        var metrics = state.ComputeMetrics();

        Assert.Equal(["a", "b"], metrics.Labels);
        MetricAssert.Counting((1 + 0) / 2.0, metrics.PrecisionMacro, "precision_macro");
        MetricAssert.Counting((0.5 + 0) / 2.0, metrics.RecallMacro, "recall_macro");
        MetricAssert.Counting(0.5, metrics.RecallWeighted, "recall_weighted");
    }

    [Fact]
    public void Remove_AfterAdd_RestoresBytesAndDropsAnEmptiedLabel()
    {
        var (truth, predicted) = Rows(1, 2000, 5);
        var state = Build(truth, predicted);
        var bytes = state.Serialize();
        var metrics = state.ComputeMetrics();

        state.Add("new-label", "0");
        state.Add("1", "another");
        Assert.Equal(7, state.Labels.Count);
        state.Remove("new-label", "0");
        state.Remove("1", "another");

        Assert.Equal(bytes, state.Serialize());
        Assert.Equal(5, state.Labels.Count);
        AssertSameMetrics(metrics, state.ComputeMetrics());
    }

    [Fact]
    public void Remove_RowNotCounted_ThrowsAndLeavesStateUnchanged()
    {
        var state = new MulticlassPerformanceState();
        state.Add("a", "b");
        var before = state.Serialize();

        Assert.Throws<InvalidOperationException>(() => state.Remove("b", "a"));
        Assert.Throws<InvalidOperationException>(() => state.Remove("a", "c"));
        state.Remove("a", "b");
        Assert.Throws<InvalidOperationException>(() => state.Remove("a", "b"));
        Assert.True(state.IsEmpty);
        Assert.Equal(new MulticlassPerformanceState().Serialize(), state.Serialize());
        Assert.NotEqual(before, state.Serialize());
    }

    [Fact]
    public void Add_UnpairedSurrogate_Throws()
    {
        var state = new MulticlassPerformanceState();
        Assert.Throws<ArgumentException>(() => state.Add("\uD800", "a"));
        Assert.True(state.IsEmpty);
        Assert.Empty(state.Labels);
    }

    [Fact]
    public void Merge_ThreeStates_IsAssociativeAndCommutativeInBytes()
    {
        MulticlassPerformanceState Part(int i)
        {
            var (truth, predicted) = Rows((ulong)(10 + i), 400 * (i + 1), 4 + i);
            return Build(truth, predicted);
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

        Assert.Equal(left.Serialize(), right.Serialize());
        Assert.Equal(left.Serialize(), reversed.Serialize());

        var empty = new MulticlassPerformanceState();
        empty.Merge(left);
        Assert.Equal(left.Serialize(), empty.Serialize());
        left.Merge(new MulticlassPerformanceState());
        Assert.Equal(empty.Serialize(), left.Serialize());
    }

    [Fact]
    public void Merge_OfWindowSplitIntoBuckets_EqualsOneStateOverTheWindow()
    {
        var (truth, predicted) = Rows(20, 5000, 6);
        var whole = Build(truth, predicted);
        var merged = new MulticlassPerformanceState();
        for (var start = 0; start < truth.Length; start += 999)
        {
            var end = Math.Min(start + 999, truth.Length);
            merged.Merge(Build(truth[start..end], predicted[start..end]));
        }

        Assert.Equal(whole.Serialize(), merged.Serialize());
        AssertSameMetrics(whole.ComputeMetrics(), merged.ComputeMetrics());
    }

    [Fact]
    public void Serialize_RoundTrip_GivesSameBytesAndMetrics()
    {
        var (truth, predicted) = Rows(21, 3000, 7);
        var state = Build(truth, predicted);
        var restored = MulticlassPerformanceState.Deserialize(state.Serialize());

        Assert.Equal(state.Serialize(), restored.Serialize());
        AssertSameMetrics(state.ComputeMetrics(), restored.ComputeMetrics());
    }

    [Fact]
    public void AddAndRemove_SteadyState_AllocateNothing()
    {
        var (truth, predicted) = Rows(22, 3000, 6);
        var state = Build(truth, predicted);
        void Cycle()
        {
            for (var i = 0; i < truth.Length; i++)
            {
                state.Add(truth[i], predicted[i]);
            }

            for (var i = 0; i < truth.Length; i++)
            {
                state.Remove(truth[i], predicted[i]);
            }
        }

        Cycle();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Cycle();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    internal static (string[] Truth, string[] Predicted) Rows(ulong seed, int count, int labels)
    {
        var random = new DeterministicRandom(seed);
        var names = Enumerable.Range(0, labels).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var truth = new string[count];
        var predicted = new string[count];
        for (var i = 0; i < count; i++)
        {
            var t = random.NextInt(labels);
            truth[i] = names[t];
            predicted[i] = names[random.NextInt(10) < 7 ? t : random.NextInt(labels)];
        }

        return (truth, predicted);
    }

    internal static MulticlassPerformanceState Build(string[] truth, string[] predicted)
    {
        var state = new MulticlassPerformanceState();
        for (var i = 0; i < truth.Length; i++)
        {
            state.Add(truth[i], predicted[i]);
        }

        return state;
    }

    private static void AssertSameMetrics(MulticlassPerformanceMetrics expected, MulticlassPerformanceMetrics actual)
    {
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.PerLabel, actual.PerLabel);
        Assert.Equal(expected.Confusion, actual.Confusion);
        var fields = (MulticlassPerformanceMetrics m) => new[] { m.Accuracy, m.PrecisionMacro, m.RecallMacro, m.F1Macro, m.PrecisionMicro, m.RecallMicro, m.F1Micro, m.PrecisionWeighted, m.RecallWeighted, m.F1Weighted };
        Assert.Equal(fields(expected), fields(actual));
    }
}
