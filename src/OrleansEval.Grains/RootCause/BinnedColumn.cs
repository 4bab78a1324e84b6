using System.Collections.Immutable;
using OrleansEval.Models;
using OrleansEval.RootCause;
using OrleansEval.Slices;
using OrleansEval.Sketches.Binning;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// One column's bins in a root cause, counted on both sides: a numeric column's bins are a baseline's cut points
/// (left-closed, open outer bins), a categorical column's every category either side has (no cap); a missing value has a
/// bin of its own. The baseline side must be counted first: the current side's out-of-range rate needs its range.
/// </summary>
internal sealed class BinnedColumn
{
    private readonly BinEdges? _edges;
    private readonly List<BinCounter> _bins = [];
    private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
    private BinCounter _missing = new();
    private double _baselineMin = double.PositiveInfinity;
    private double _baselineMax = double.NegativeInfinity;
    private long? _outOfRange = 0;

    private BinnedColumn(string name, BinEdges? edges)
    {
        Name = name;
        _edges = edges;
        for (var bin = 0; bin < (edges?.BinCount ?? 0); bin++)
        {
            _bins.Add(new BinCounter());
        }
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>Numeric or categorical.</summary>
    public FeatureType Type => _edges is null ? FeatureType.Categorical : FeatureType.Numeric;

    /// <summary>
    /// Current values below the baseline's smallest value or above its largest (numeric); null when the current side was
    /// counted per bin, which does not keep values.
    /// </summary>
    public long? OutOfRange => _outOfRange;

    /// <summary>The number of bins a numeric column has (categorical: the categories seen so far), the missing bin aside.</summary>
    public int BinCount => _bins.Count;

    /// <summary>A numeric column binned on <paramref name="cutPoints"/>.</summary>
    public static BinnedColumn Numeric(string name, ImmutableArray<double> cutPoints) => new(name, new BinEdges(cutPoints));

    /// <summary>A categorical column.</summary>
    public static BinnedColumn Categorical(string name) => new(name, null);

    /// <summary>Counts a numeric value (NaN when missing) of one side with its row's loss.</summary>
    public void AddNumber(bool current, double value, double? loss)
    {
        if (double.IsNaN(value))
        {
            _missing.Add(current, loss);
            return;
        }

        if (!current)
        {
            _baselineMin = Math.Min(_baselineMin, value);
            _baselineMax = Math.Max(_baselineMax, value);
        }
        else if (value < _baselineMin || value > _baselineMax)
        {
            _outOfRange++;
        }

        _bins[_edges!.BinOf(value)].Add(current, loss);
    }

    /// <summary>Counts a category (null when missing) of one side with its row's loss.</summary>
    public void AddCategory(bool current, string? value, double? loss)
    {
        if (value is null)
        {
            _missing.Add(current, loss);
            return;
        }

        if (!_categories.TryGetValue(value, out var bin))
        {
            bin = _bins.Count;
            _categories[value] = bin;
            _bins.Add(new BinCounter());
        }

        _bins[bin].Add(current, loss);
    }

    /// <summary>
    /// A numeric column's bins by the slice member the router puts their values in (<c>[lower, upper)</c>); empty for a
    /// categorical column.
    /// </summary>
    public Dictionary<string, int> IntervalMembers()
    {
        var members = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var bin = 0; _edges is { } edges && bin < edges.BinCount; bin++)
        {
            members[SliceCondition.Interval(edges.Lower(bin) ?? double.NegativeInfinity, edges.Upper(bin) ?? double.PositiveInfinity)] = bin;
        }

        return members;
    }

    /// <summary>A column holding this one's baseline side and no current rows, to be counted per bin.</summary>
    public BinnedColumn CopyBaseline()
    {
        var copy = new BinnedColumn(Name, _edges) { _baselineMin = _baselineMin, _baselineMax = _baselineMax, _outOfRange = null };
        copy._bins.Clear();
        copy._bins.AddRange(_bins.Select(counter => counter.CopyBaseline()));
        foreach (var (category, bin) in _categories)
        {
            copy._categories.Add(category, bin);
        }

        copy._missing = _missing.CopyBaseline();
        return copy;
    }

    /// <summary>
    /// The baseline side's counts: a numeric column's bins in the order of its cut points, a categorical column's in the
    /// order it first saw them, with those categories.
    /// </summary>
    public BaselineColumnCounts BaselineCounts() => new(
        Name,
        [.. _bins.Select(counter => counter.BaselineCounts())],
        [.. _categories.OrderBy(category => category.Value).Select(category => category.Key)],
        _missing.BaselineCounts(),
        _baselineMin,
        _baselineMax);

    /// <summary>
    /// A column of this one's name and bins holding the baseline side <paramref name="counts"/> (from
    /// <see cref="BaselineCounts"/>) and no current rows, to be counted per bin; null when the counts have other bins.
    /// </summary>
    public BinnedColumn? WithBaseline(BaselineColumnCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var categorical = _edges is null;
        if (!string.Equals(counts.Name, Name, StringComparison.Ordinal)
            || (categorical ? counts.Categories.Length != counts.Bins.Length : counts.Bins.Length != _bins.Count || counts.Categories.Length > 0))
        {
            return null;
        }

        var copy = new BinnedColumn(Name, _edges) { _baselineMin = counts.Min, _baselineMax = counts.Max, _outOfRange = null };
        copy._bins.Clear();
        copy._bins.AddRange(counts.Bins.Select(BinCounter.OfBaseline));
        for (var bin = 0; bin < counts.Categories.Length; bin++)
        {
            copy._categories.Add(counts.Categories[bin], bin);
        }

        copy._missing = BinCounter.OfBaseline(counts.Missing);
        return copy;
    }

    /// <summary>Counts current rows of a numeric bin (by index on the cut points) at once.</summary>
    public void AddCurrentBin(int bin, BinCounts counts) => _bins[bin].AddCurrent(counts);

    /// <summary>Counts current rows of a category (null when missing) at once.</summary>
    public void AddCurrentCategory(string? category, BinCounts counts)
    {
        if (category is null)
        {
            _missing.AddCurrent(counts);
            return;
        }

        if (!_categories.TryGetValue(category, out var bin))
        {
            bin = _bins.Count;
            _categories[category] = bin;
            _bins.Add(new BinCounter());
        }

        _bins[bin].AddCurrent(counts);
    }

    /// <summary>Counts current rows without a value at once.</summary>
    public void AddCurrentMissing(BinCounts counts) => _missing.AddCurrent(counts);

    /// <summary>
    /// The bins in the drift answer's order — numeric by bound, categories in ordinal order — then the missing bin when
    /// either side has a row in it.
    /// </summary>
    public IReadOnlyList<ColumnBin> Bins()
    {
        var bins = _edges is { } edges
            ? _bins.Select((counter, bin) => new ColumnBin(edges.Lower(bin), edges.Upper(bin), null, false, counter.Tally)).ToList()
            : _categories.OrderBy(category => category.Key, StringComparer.Ordinal)
                .Select(category => new ColumnBin(null, null, category.Key, false, _bins[category.Value].Tally)).ToList();
        var missing = _missing.Tally;
        if (missing.BaselineRows + missing.CurrentRows > 0)
        {
            bins.Add(new ColumnBin(null, null, null, true, missing));
        }

        return bins;
    }
}
