using OrleansEval.RootCause;
using OrleansEval.Sketches.Attribution;

namespace OrleansEval.Grains.RootCause;

/// <summary>The rows, labelled rows and loss sum of one bin on each side, counted row by row.</summary>
internal sealed class BinCounter
{
    private long _baselineRows;
    private long _baselineLabelled;
    private double _baselineLoss;
    private long _currentRows;
    private long _currentLabelled;
    private double _currentLoss;

    /// <summary>Counts a row of the current side (or the baseline's) with its loss, null when it is not labelled.</summary>
    public void Add(bool current, double? loss)
    {
        if (current)
        {
            _currentRows++;
            if (loss is { } value)
            {
                _currentLabelled++;
                _currentLoss += value;
            }
        }
        else
        {
            _baselineRows++;
            if (loss is { } value)
            {
                _baselineLabelled++;
                _baselineLoss += value;
            }
        }
    }

    /// <summary>Counts a group of current rows at once: their number, the labelled ones and their loss sum.</summary>
    public void AddCurrent(BinCounts counts)
    {
        _currentRows += counts.Rows;
        _currentLabelled += counts.Labelled;
        _currentLoss += counts.Loss;
    }

    /// <summary>A counter holding this one's baseline side and no current rows.</summary>
    public BinCounter CopyBaseline() => new()
    {
        _baselineRows = _baselineRows,
        _baselineLabelled = _baselineLabelled,
        _baselineLoss = _baselineLoss,
    };

    /// <summary>A counter holding the baseline side <paramref name="counts"/> and no current rows.</summary>
    public static BinCounter OfBaseline(BaselineBinCounts counts) => new()
    {
        _baselineRows = counts.Rows,
        _baselineLabelled = counts.Labelled,
        _baselineLoss = counts.Loss,
    };

    /// <summary>The baseline side's counts.</summary>
    public BaselineBinCounts BaselineCounts() => new(_baselineRows, _baselineLabelled, _baselineLoss);

    /// <summary>The counts so far.</summary>
    public BinTally Tally => new(_baselineRows, _baselineLabelled, _baselineLoss, _currentRows, _currentLabelled, _currentLoss);
}
