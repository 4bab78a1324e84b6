using OrleansEval.Sketches.Moments;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Grains.Features;

/// <summary>
/// Every value one side of a sliced drift read holds for one column, kept whole: the numbers (for an exact sorted view
/// and moments) or the count of each category, and the rows without a value.
/// </summary>
internal sealed class ColumnValues
{
    private readonly List<double> _numbers = [];
    private readonly Dictionary<string, long> _categories = new(StringComparer.Ordinal);

    /// <summary>Rows without a value for the column.</summary>
    public long Missing { get; private set; }

    /// <summary>Rows with a value for the column.</summary>
    public long Count { get; private set; }

    /// <summary>The count of each category seen (categorical columns).</summary>
    public IReadOnlyDictionary<string, long> Categories => _categories;

    /// <summary>Counts a number; NaN is a missing value.</summary>
    public void AddNumber(double value)
    {
        if (double.IsNaN(value))
        {
            Missing++;
            return;
        }

        _numbers.Add(value);
        Count++;
    }

    /// <summary>Counts a category; null is a missing value.</summary>
    public void AddCategory(string? value)
    {
        if (value is null)
        {
            Missing++;
            return;
        }

        _categories[value] = _categories.GetValueOrDefault(value) + 1;
        Count++;
    }

    /// <summary>The count of <paramref name="category"/>, zero when never seen.</summary>
    public long CountOf(string category) => _categories.GetValueOrDefault(category);

    /// <summary>
    /// The numbers as an exact sorted view, each distinct value once with its multiplicity, the form an exact quantile
    /// sketch's view takes, so the sample measures see the same input from rows as from an exact sketch.
    /// </summary>
    public QuantileSortedView SortedView()
    {
        var values = _numbers.ToArray();
        Array.Sort(values);
        var distinct = new List<double>(values.Length);
        var weights = new List<long>(values.Length);
        foreach (var value in values)
        {
            if (distinct.Count > 0 && value == distinct[^1])
            {
                weights[^1]++;
            }
            else
            {
                distinct.Add(value);
                weights.Add(1);
            }
        }

        return new QuantileSortedView([.. distinct], [.. weights]);
    }

    /// <summary>The count of numbers in each left-closed bin cut by <paramref name="cutPoints"/>.</summary>
    public double[] BinCounts(IReadOnlyList<double> cutPoints)
    {
        var edges = new Sketches.Binning.BinEdges(cutPoints);
        var counts = new double[edges.BinCount];
        foreach (var value in _numbers)
        {
            counts[edges.BinOf(value)]++;
        }

        return counts;
    }

    /// <summary>The running moments of the numbers.</summary>
    public RunningMoments Moments()
    {
        var moments = new RunningMoments();
        foreach (var value in _numbers)
        {
            moments.Update(value);
        }

        return moments;
    }
}
