using OrleansEval.Rows;
using OrleansEval.Sketches.Binning;
using OrleansEval.Sketches.Slicing;

namespace OrleansEval.Grains.WorstSlices;

/// <summary>
/// One predicate column of a search being filled from row blocks: a categorical column codes every value it meets (no
/// cap), a numeric one the bin of its value under a baseline's cut points; a missing value is −1 and matches nothing.
/// </summary>
internal sealed class CodedColumn
{
    private readonly BinEdges? _edges;
    private readonly List<int> _codes = [];
    private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
    private readonly List<string> _labels = [];

    private CodedColumn(string name, BinEdges? edges)
    {
        Name = name;
        _edges = edges;
        if (edges is not null)
        {
            for (var bin = 0; bin < edges.BinCount; bin++)
            {
                _labels.Add(OrleansEval.Slices.SliceCondition.Interval(edges.Lower(bin) ?? double.NegativeInfinity, edges.Upper(bin) ?? double.PositiveInfinity));
            }
        }
    }

    /// <summary>The column's name, as conditions write it.</summary>
    public string Name { get; }

    /// <summary>Rows coded so far.</summary>
    public int Count => _codes.Count;

    /// <summary>A categorical column (a categorical feature or a tag).</summary>
    public static CodedColumn Categorical(string name) => new(name, null);

    /// <summary>A numeric feature binned on <paramref name="cutPoints"/>.</summary>
    public static CodedColumn Binned(string name, IEnumerable<double> cutPoints) => new(name, new BinEdges(cutPoints));

    /// <summary>Codes missing values until the column has <paramref name="rows"/> rows (a column a block did not carry).</summary>
    public void PadTo(int rows)
    {
        while (_codes.Count < rows)
        {
            _codes.Add(-1);
        }
    }

    /// <summary>Codes the values of <paramref name="column"/> at <paramref name="rows"/>.</summary>
    public void Append(RowColumn column, IReadOnlyList<int> rows)
    {
        foreach (var row in rows)
        {
            _codes.Add(_edges is null ? CategoryCode(column, row) : BinCode(column, row));
        }
    }

    /// <summary>The condition that code <paramref name="label"/> of this column stands for.</summary>
    public string Condition(string label) => _edges is null ? $"{Name} = {label}" : $"{Name} in {label}";

    /// <summary>The encoded column; categories are numbered in ordinal order, so ties rank the same on every run.</summary>
    public SliceColumn ToSliceColumn()
    {
        if (_edges is not null)
        {
            return new SliceColumn(Name, _codes, _labels);
        }

        var sorted = _labels.Order(StringComparer.Ordinal).ToList();
        var renumber = new int[_labels.Count];
        for (var code = 0; code < sorted.Count; code++)
        {
            renumber[_categories[sorted[code]]] = code;
        }

        return new SliceColumn(Name, _codes.ConvertAll(code => code < 0 ? -1 : renumber[code]), sorted);
    }

    private int CategoryCode(RowColumn column, int row)
    {
        var value = column.Categories.IsDefaultOrEmpty ? null : column.Categories[row];
        if (value is null)
        {
            return -1;
        }

        if (!_categories.TryGetValue(value, out var code))
        {
            code = _labels.Count;
            _categories[value] = code;
            _labels.Add(value);
        }

        return code;
    }

    private int BinCode(RowColumn column, int row)
    {
        var value = column.Numbers.IsDefaultOrEmpty ? double.NaN : column.Numbers[row];
        return double.IsNaN(value) ? -1 : _edges!.BinOf(value);
    }
}
