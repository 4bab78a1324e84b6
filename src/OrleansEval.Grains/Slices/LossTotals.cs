using OrleansEval.Performance;
using OrleansEval.Sketches.Performance;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// A per-row loss over some buckets: its rows, and its sums and sums of squares added as doubles from the buckets' exact
/// sums (each correctly rounded). A window adds one per member and day, so its relative error stays near days × 2⁻⁵³,
/// far inside what an answer is held to, at 24 bytes rather than the 544 of two exact accumulators per member and day.
/// </summary>
internal sealed class LossTotals
{
    private long _count;
    private double _sum;
    private double _squares;

    /// <summary>Adds a bucket's moments (none when the bucket has no such loss).</summary>
    public void Add(LossMoments? moments)
    {
        if (moments is not null)
        {
            _count += moments.Count;
            _sum += moments.Sum;
            _squares += moments.SumOfSquares;
        }
    }

    /// <summary>Adds other totals.</summary>
    public void Add(LossTotals other)
    {
        _count += other._count;
        _sum += other._sum;
        _squares += other._squares;
    }

    /// <summary>The totals as answered.</summary>
    public SliceLossSums ToSums() => new(_count, _sum, _squares);
}
