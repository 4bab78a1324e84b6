namespace OrleansEval.Sketches.Performance;

/// <content>The metrics: ratios of the confusion counts, ROC AUC from the score maps, means of the fixed-point sums.</content>
public sealed partial class BinaryPerformanceState
{
    /// <summary>Computes the metrics of the rows counted; O(distinct scores), allocation of the result only.</summary>
    public BinaryPerformanceMetrics ComputeMetrics()
    {
        var n = Count;
        var scored = ScoredCount;
        var bins = new CalibrationBin[CalibrationBinCount];
        for (var i = 0; i < CalibrationBinCount; i++)
        {
            var count = _binCounts[i];
            bins[i] = new CalibrationBin(
                i / (double)CalibrationBinCount,
                (i + 1) / (double)CalibrationBinCount,
                count,
                _binPositives[i],
                count == 0 ? MetricResult.Undefined(UndefinedMetricReasons.EmptyBin) : MetricResult.Exact(FixedPointMean(_binScoreSums[i], ScoreScale, count)),
                count == 0 ? MetricResult.Undefined(UndefinedMetricReasons.EmptyBin) : MetricResult.Exact(_binPositives[i] / (double)count));
        }

        var noScores = MetricResult.Undefined(n == 0 ? UndefinedMetricReasons.NoRows : UndefinedMetricReasons.NoScoredRows);
        Int128 scoreSum = 0;
        foreach (var sum in _binScoreSums)
        {
            scoreSum += sum;
        }

        var (tp, fp, tn, fn) = (_truePositives, _falsePositives, _trueNegatives, _falseNegatives);
        var recall = Ratio(n, tp, tp + fn);
        var specificity = Ratio(n, tn, tn + fp);
        return new BinaryPerformanceMetrics
        {
            Count = n,
            ScoredCount = scored,
            TruePositives = tp,
            FalsePositives = fp,
            TrueNegatives = tn,
            FalseNegatives = fn,
            Accuracy = Ratio(n, tp + tn, n),
            Precision = Ratio(n, tp, tp + fp),
            Recall = recall,
            F1 = Ratio(n, 2 * tp, (2 * tp) + fp + fn),
            Specificity = specificity,
            BalancedAccuracy = BalancedAccuracy(n, tp + fn, tn + fp, recall, specificity),
            ActualPositiveRate = Ratio(n, tp + fn, n),
            PredictedPositiveRate = Ratio(n, tp + fp, n),
            MeanScore = scored == 0 ? noScores : MetricResult.Exact(FixedPointMean(scoreSum, ScoreScale, scored)),
            RocAuc = scored == 0 ? noScores : ComputeRocAuc(),
            LogLoss = scored == 0 ? noScores : MetricResult.Exact(FixedPointMean(_logLossSum, LogLossScale, scored)),
            Brier = scored == 0 ? noScores : MetricResult.Exact(FixedPointMean(_squaredErrorSum, ScoreScale, scored)),
            CalibrationBins = bins,
            ScoreResolution = Resolution,
        };
    }

    /// <summary>numerator / denominator, 0 for 0/0 (scikit-learn's zero_division), undefined without rows.</summary>
    private static MetricResult Ratio(long rows, long numerator, long denominator) =>
        rows == 0 ? MetricResult.Undefined(UndefinedMetricReasons.NoRows)
        : MetricResult.Exact(denominator == 0 ? 0 : numerator / (double)denominator);

    /// <summary>The mean recall of the classes present in the truth, as scikit-learn's balanced_accuracy_score.</summary>
    private static MetricResult BalancedAccuracy(long rows, long actualPositives, long actualNegatives, MetricResult recall, MetricResult specificity)
    {
        if (rows == 0)
        {
            return recall;
        }

        if (actualPositives == 0)
        {
            return specificity;
        }

        return actualNegatives == 0 ? recall : MetricResult.Exact((recall.Value!.Value + specificity.Value!.Value) / 2);
    }

    private static double FixedPointMean(Int128 sum, double scale, long count) => (double)sum / scale / count;

    /// <summary>
    /// One merge pass over the score maps in ascending order: for each negative score v with count c, the pairs it forms count
    /// c·(positives above v) + ½·c·(positives at v). Twice the statistic is an integer, kept in 128 bits.
    /// </summary>
    private MetricResult ComputeRocAuc()
    {
        long positives = _positiveScores.Total;
        long negatives = _negativeScores.Total;
        if (positives == 0 || negatives == 0)
        {
            return MetricResult.Undefined(positives + negatives == 0 ? UndefinedMetricReasons.NoScoredRows : UndefinedMetricReasons.OneClass);
        }

        var (positiveKeys, positiveCounts) = _positiveScores.ToSorted();
        var (negativeKeys, negativeCounts) = _negativeScores.ToSorted();
        Int128 twiceConcordant = 0;
        Int128 tiedPairs = 0;
        long positivesBelow = 0;
        var p = 0;
        for (var q = 0; q < negativeKeys.Length; q++)
        {
            var v = negativeKeys[q];
            while (p < positiveKeys.Length && positiveKeys[p] < v)
            {
                positivesBelow += positiveCounts[p++];
            }

            var tied = p < positiveKeys.Length && positiveKeys[p] == v ? positiveCounts[p] : 0;
            var above = positives - positivesBelow - tied;
            twiceConcordant += (Int128)negativeCounts[q] * ((2 * (Int128)above) + tied);
            tiedPairs += (Int128)negativeCounts[q] * tied;
        }

        var pairs = (double)((Int128)positives * negatives);
        var auc = (double)twiceConcordant / 2 / pairs;
        return IsExact ? MetricResult.Exact(auc) : MetricResult.Approximate(auc, (double)tiedPairs / 2 / pairs);
    }
}
