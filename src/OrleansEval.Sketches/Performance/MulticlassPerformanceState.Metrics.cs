namespace OrleansEval.Sketches.Performance;

/// <content>The metrics over the active labels.</content>
public sealed partial class MulticlassPerformanceState
{
    /// <summary>Computes the metrics of the rows counted; O(K log K + C log C) for K labels and C non-zero cells.</summary>
    public MulticlassPerformanceMetrics ComputeMetrics()
    {
        var indices = ActiveIndices();
        var k = indices.Length;
        var position = new int[_labelIndex.Count];
        for (var i = 0; i < k; i++)
        {
            position[indices[i]] = i;
        }

        var cells = new (long Key, ConfusionCell Cell)[_cells.Count];
        var n = 0;
        foreach (var (key, value) in _cells)
        {
            int t = (int)(key >> 32), p = (int)(key & 0xFFFF_FFFF);
            cells[n++] = (CellKey(position[t], position[p]), new ConfusionCell(_labels[t], _labels[p], value));
        }

        Array.Sort(cells, static (x, y) => x.Key.CompareTo(y.Key));

        var perLabel = new LabelMetrics[k];
        double precisionSum = 0, recallSum = 0, f1Sum = 0;
        double precisionWeighted = 0, recallWeighted = 0, f1Weighted = 0;
        long supportSum = 0, predictedSum = 0, truePositiveSum = 0;
        for (var i = 0; i < k; i++)
        {
            var index = indices[i];
            var support = _truthTotals[index];
            var predicted = _predictedTotals[index];
            var tp = _diagonal[index];
            var precision = ZeroDivision(tp, predicted);
            var recall = ZeroDivision(tp, support);
            var f1 = ZeroDivision(2 * tp, support + predicted);
            perLabel[i] = new LabelMetrics(_labels[index], support, predicted, tp, precision, recall, f1);
            precisionSum += precision;
            recallSum += recall;
            f1Sum += f1;
            precisionWeighted += support * precision;
            recallWeighted += support * recall;
            f1Weighted += support * f1;
            supportSum += support;
            predictedSum += predicted;
            truePositiveSum += tp;
        }

        return new MulticlassPerformanceMetrics
        {
            Count = _count,
            Labels = Array.ConvertAll(indices, i => _labels[i]),
            Confusion = Array.ConvertAll(cells, c => c.Cell),
            PerLabel = perLabel,
            Accuracy = Metric(ZeroDivision(_correct, _count)),
            PrecisionMacro = Metric(precisionSum / k),
            RecallMacro = Metric(recallSum / k),
            F1Macro = Metric(f1Sum / k),
            PrecisionMicro = Metric(ZeroDivision(truePositiveSum, predictedSum)),
            RecallMicro = Metric(ZeroDivision(truePositiveSum, supportSum)),
            F1Micro = Metric(ZeroDivision(2 * truePositiveSum, supportSum + predictedSum)),
            PrecisionWeighted = Metric(precisionWeighted / supportSum),
            RecallWeighted = Metric(recallWeighted / supportSum),
            F1Weighted = Metric(f1Weighted / supportSum),
        };
    }

    private static double ZeroDivision(long numerator, long denominator) => denominator == 0 ? 0 : numerator / (double)denominator;

    private MetricResult Metric(double value) =>
        _count == 0 ? MetricResult.Undefined(UndefinedMetricReasons.NoRows) : MetricResult.Exact(value);
}
