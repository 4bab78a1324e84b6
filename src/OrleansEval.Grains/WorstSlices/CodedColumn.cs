using System.Collections.Immutable;
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
    /// <summary>Cut points up to which a row's bin is counted by comparing it with each, without a branch.</summary>
    private const int MostCutPointsCounted = 16;

    private readonly BinEdges? _edges;
    private readonly double[] _cutPoints = [];
    private readonly ChunkedBuffer<int> _codes = new();
    private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
    private readonly List<string> _labels = [];
    private int[] _blockCodes = [];

    private CodedColumn(string name, BinEdges? edges)
    {
        Name = name;
        _edges = edges;
        if (edges is not null)
        {
            _cutPoints = edges.CutPoints.ToArray();
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
    public void PadTo(int rows) => _codes.FillTo(rows, -1);

    /// <summary>Codes the values of <paramref name="column"/> at <paramref name="rows"/>.</summary>
    public void Append(RowColumn column, ReadOnlySpan<int> rows)
    {
        if (_blockCodes.Length < rows.Length)
        {
            _blockCodes = new int[rows.Length];
        }

        var codes = _blockCodes.AsSpan(0, rows.Length);
        if (_edges is not null)
        {
            CodeBins(column.Numbers, rows, codes);
        }
        else
        {
            CodeCategories(column.Categories, rows, codes);
        }

        _codes.AddRange(codes);
    }

    /// <summary>The condition that code <paramref name="label"/> of this column stands for.</summary>
    public string Condition(string label) => _edges is null ? $"{Name} = {label}" : $"{Name} in {label}";

    /// <summary>The encoded column; categories are numbered in ordinal order, so ties rank the same on every run.</summary>
    public SliceColumn ToSliceColumn()
    {
        var codes = _codes.ToArray();
        if (_edges is not null)
        {
            return new SliceColumn(Name, codes, _labels);
        }

        var sorted = _labels.Order(StringComparer.Ordinal).ToList();
        var renumber = new int[_labels.Count];
        for (var code = 0; code < sorted.Count; code++)
        {
            renumber[_categories[sorted[code]]] = code;
        }

        for (var row = 0; row < codes.Length; row++)
        {
            codes[row] = codes[row] < 0 ? -1 : renumber[codes[row]];
        }

        return new SliceColumn(Name, codes, sorted);
    }

    private void CodeBins(ImmutableArray<double> numbers, ReadOnlySpan<int> rows, Span<int> codes)
    {
        if (numbers.IsDefaultOrEmpty)
        {
            codes.Fill(-1);
            return;
        }

        var values = numbers.AsSpan();
        for (var i = 0; i < rows.Length; i++)
        {
            var value = values[rows[i]];
            codes[i] = double.IsNaN(value) ? -1 : BinOf(value);
        }
    }

    // The number of cut points at or below the value, as BinEdges.BinOf counts it by bisection.
    private int BinOf(double value)
    {
        if (_cutPoints.Length > MostCutPointsCounted)
        {
            return _edges!.BinOf(value);
        }

        var bin = 0;
        foreach (var cut in _cutPoints)
        {
            bin += cut <= value ? 1 : 0;
        }

        return bin;
    }

    private void CodeCategories(ImmutableArray<string?> categories, ReadOnlySpan<int> rows, Span<int> codes)
    {
        if (categories.IsDefaultOrEmpty)
        {
            codes.Fill(-1);
            return;
        }

        // Rows of a block often share one string instance per value: the previous row's code is reused without a lookup.
        var values = categories.AsSpan();
        string? previous = null;
        var previousCode = -1;
        for (var i = 0; i < rows.Length; i++)
        {
            var value = values[rows[i]];
            if (!ReferenceEquals(value, previous))
            {
                previous = value;
                previousCode = CategoryCode(value);
            }

            codes[i] = previousCode;
        }
    }

    private int CategoryCode(string? value)
    {
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
}
