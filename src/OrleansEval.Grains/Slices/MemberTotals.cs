using OrleansEval.Performance;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// The counts of a slice member over some buckets, added bucket by bucket: predictions, labelled predictions, right
/// predictions, actual positives and error sums — what a mean of a per-row loss needs, without any metric's state.
/// </summary>
internal sealed class MemberTotals
{
    private long _predictions;
    private long _labelled;
    private long _correct;
    private long _actualPositives;
    private double _absoluteErrors;
    private double _squaredErrors;

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
    }

    /// <summary>The totals as the answer of <paramref name="member"/>.</summary>
    public SliceBinCounts ToCounts(string member) =>
        new(member, _predictions, _labelled, _correct, _actualPositives, _absoluteErrors, _squaredErrors);
}
