namespace OrleansEval.Sketches.Estimation;

/// <content>The estimate computed from the accumulated state.</content>
public sealed partial class CbpeState
{
    /// <summary>The estimated accuracy, precision, recall, F1 and ROC AUC of the predictions seen.</summary>
    public CbpeEstimate Estimate()
    {
        var count = Count;
        var tp = _positiveMass;
        var fp = Complement(_predictedPositives, _positiveMass);
        var fn = _negativeMass;
        var tn = Complement(_predictedNegatives, _negativeMass);
        if (count == 0)
        {
            return new CbpeEstimate(0, 0, 0, 0, 0, null, null, null, null, null, null);
        }

        var accuracy = (double)(tp + tn) / FixedOne / count;
        var precision = _predictedPositives == 0 ? 0.0 : FromFixed(tp) / _predictedPositives;
        var actualPositives = tp + fn;
        var recall = actualPositives == UInt128.Zero ? 0.0 : (double)tp / (double)actualPositives;
        var f1Denominator = tp + tp + fp + fn;
        var f1 = f1Denominator == UInt128.Zero ? 0.0 : 2.0 * (double)tp / (double)f1Denominator;
        var (rocAuc, bound) = EstimateRocAuc(actualPositives, fp + tn);
        return new CbpeEstimate(
            count,
            FromFixed(tp),
            FromFixed(fp),
            FromFixed(tn),
            FromFixed(fn),
            accuracy,
            precision,
            recall,
            f1,
            rocAuc,
            bound);
    }

    /// <summary>
    /// Walks the thresholds from the highest score down: each cell moves the curve by its expected positives (Σ p) and
    /// negatives (Σ (1 − p)); the trapezoid under each step is added, and on the grid the step's box bounds the error.
    /// </summary>
    private (double? RocAuc, double? Bound) EstimateRocAuc(UInt128 positives, UInt128 negatives)
    {
        if (positives == UInt128.Zero || negatives == UInt128.Zero)
        {
            return (null, null);
        }

        var counts = _cells.Counts;
        var masses = _cells.Masses;
        var totalPositives = (double)positives;
        var totalNegatives = (double)negatives;
        UInt128 cumulativePositives = 0;
        UInt128 cumulativeNegatives = 0;
        double area = 0;
        double box = 0;
        double previousTpr = 0;
        double previousFpr = 0;
        for (var i = counts.Length - 1; i >= 0; i--)
        {
            cumulativePositives += masses[i];
            cumulativeNegatives += Complement(counts[i], masses[i]);
            var tpr = (double)cumulativePositives / totalPositives;
            var fpr = (double)cumulativeNegatives / totalNegatives;
            area += (fpr - previousFpr) * (tpr + previousTpr) / 2;
            box += (fpr - previousFpr) * (tpr - previousTpr) / 2;
            previousTpr = tpr;
            previousFpr = fpr;
        }

        return (area, Resolution is null ? 0.0 : box);
    }
}
