using OrleansEval.Performance;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// The counts of a slice member over some buckets, added bucket by bucket: predictions, labelled predictions, right
/// predictions, actual positives, error sums and the moments of the log loss, Brier score and squared error — what a
/// mean of a per-row loss needs, without any metric's state.
/// </summary>
internal sealed class MemberTotals
{
    private long _predictions;
    private long _labelled;
    private long _correct;
    private long _actualPositives;
    private double _absoluteErrors;
    private double _squaredErrors;
    private readonly LossTotals _logLoss = new();
    private readonly LossTotals _brier = new();
    private readonly LossTotals _squaredError = new();
    private bool _lossesComplete = true;

    /// <summary>Adds one bucket's counts.</summary>
    public void Add(SliceBucket bucket)
    {
        _predictions += bucket.Predictions;
        _labelled += bucket.Labelled;
        if (bucket.Binary is { } binary)
        {
            _correct += binary.TruePositives + binary.TrueNegatives;
            _actualPositives += binary.TruePositives + binary.FalseNegatives;
        }

        _correct += bucket.Multiclass?.Correct ?? 0;
        if (bucket.Regression is { } regression)
        {
            _absoluteErrors += regression.AbsoluteErrorSum;
            _squaredErrors += regression.SquaredErrorSum;
        }

        _logLoss.Add(bucket.LogLoss);
        _brier.Add(bucket.Brier);
        _squaredError.Add(bucket.SquaredError);
        _lossesComplete &= bucket.LossesComplete;
    }

    /// <summary>Adds other totals.</summary>
    public void Add(MemberTotals other)
    {
        _predictions += other._predictions;
        _labelled += other._labelled;
        _correct += other._correct;
        _actualPositives += other._actualPositives;
        _absoluteErrors += other._absoluteErrors;
        _squaredErrors += other._squaredErrors;
        _logLoss.Add(other._logLoss);
        _brier.Add(other._brier);
        _squaredError.Add(other._squaredError);
        _lossesComplete &= other._lossesComplete;
    }

    /// <summary>The totals as the answer of <paramref name="member"/>.</summary>
    public SliceBinCounts ToCounts(string member) =>
        new(member, _predictions, _labelled, _correct, _actualPositives, _absoluteErrors, _squaredErrors, _logLoss.ToSums(), _brier.ToSums(), _squaredError.ToSums(), _lossesComplete);
}
