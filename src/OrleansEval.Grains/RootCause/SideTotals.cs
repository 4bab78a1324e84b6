namespace OrleansEval.Grains.RootCause;

/// <summary>One side's rows, labelled rows, and the sum and sum of squares of their per-row loss.</summary>
internal sealed class SideTotals
{
    private double _squares;

    /// <summary>Rows counted, labelled or not.</summary>
    public long Rows { get; private set; }

    /// <summary>Rows labelled for the metric.</summary>
    public long Labelled { get; private set; }

    /// <summary>Sum of the labelled rows' loss.</summary>
    public double Loss { get; private set; }

    /// <summary>The metric over the labelled rows; null without one.</summary>
    public double? Metric => Labelled > 0 ? Loss / Labelled : null;

    /// <summary>Population standard deviation of the labelled rows' loss; null without one.</summary>
    public double? Deviation => Metric is { } mean ? Math.Sqrt(Math.Max(0, (_squares / Labelled) - (mean * mean))) : null;

    /// <summary>Counts a group of rows at once, with the sum of their losses' squares.</summary>
    public void Add(BinCounts counts, double squares)
    {
        Rows += counts.Rows;
        Labelled += counts.Labelled;
        Loss += counts.Loss;
        _squares += squares;
    }

    /// <summary>Sum of the squares of the labelled rows' loss.</summary>
    public double Squares => _squares;

    /// <summary>Totals counted elsewhere.</summary>
    public static SideTotals Of(long rows, long labelled, double loss, double squares) => new() { Rows = rows, Labelled = labelled, Loss = loss, _squares = squares };

    /// <summary>A copy of these totals.</summary>
    public SideTotals Copy() => new() { Rows = Rows, Labelled = Labelled, Loss = Loss, _squares = _squares };

    /// <summary>Counts a row with its loss, null when it is not labelled.</summary>
    public void Add(double? loss)
    {
        Rows++;
        if (loss is { } value)
        {
            Labelled++;
            Loss += value;
            _squares += value * value;
        }
    }
}
