using System.Numerics;
using System.Runtime.Intrinsics;

namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// Every predicate (column, code) of a table with its level-one stats, and each column recoded for the search: the rows'
/// searchable predicates (at least minSize rows) numbered 1 to m within the column, 0 for any other row, one ushort a
/// row. A pair of columns is counted in one sweep of the rows into an (m + 1) × (m + 1) table of cells; the extensions of
/// a longer conjunction's parent in one sweep that counts the parent's rows in a table per extending column.
/// </summary>
internal sealed class PredicateIndex
{
    /// <summary>The most predicates a table may have: a conjunction's key packs three ids in 21 bits each.</summary>
    public const int MostPredicates = (1 << 21) - 2;

    /// <summary>The most searchable predicates of one column, so that a row's recoded value fits a ushort.</summary>
    public const int MostSearchablePerColumn = ushort.MaxValue;

    /// <summary>The most cells a pair's table holds as arrays; a wider pair counts only its candidates' cells.</summary>
    private const int MostTableCells = 1 << 20;

    private readonly ushort[][] _searchCodes;
    private readonly int[] _searchCodeOf;
    private readonly int[] _widths;
    private readonly double[] _errors;
    private readonly bool _binary;

    private PredicateIndex(List<(int Column, int Code)> predicates, List<SliceStats> stats, ushort[][] searchCodes, int[] searchCodeOf, double[] errors, bool binary)
    {
        Predicates = predicates;
        Stats = stats;
        _searchCodes = searchCodes;
        _searchCodeOf = searchCodeOf;
        _errors = errors;
        _binary = binary;
        _widths = new int[searchCodes.Length];
        for (var id = 0; id < predicates.Count; id++)
        {
            _widths[predicates[id].Column] = Math.Max(_widths[predicates[id].Column], searchCodeOf[id] + 1);
        }
    }

    /// <summary>(column index, code) of each predicate; ids are grouped by column, columns in table order.</summary>
    public IReadOnlyList<(int Column, int Code)> Predicates { get; }

    /// <summary>The stats of each single predicate.</summary>
    public IReadOnlyList<SliceStats> Stats { get; }

    /// <summary>Indexes <paramref name="table"/>; predicates of at least <paramref name="minSize"/> rows are searchable.</summary>
    /// <exception cref="SliceSearchLimitException">The table has too many predicates, or a column too many searchable ones.</exception>
    public static PredicateIndex Build(SliceTable table, double[] errors, bool binary, int minSize)
    {
        var predicates = new List<(int, int)>();
        var stats = new List<SliceStats>();
        var searchCodeOf = new List<int>();
        var searchCodes = new ushort[table.Columns.Count][];
        for (var column = 0; column < table.Columns.Count; column++)
        {
            var codes = table.Columns[column].Codes as int[] ?? [.. table.Columns[column].Codes];
            var columnStats = CodeStats(codes, errors, table.Columns[column].Labels.Count, binary);
            var searchCodeOfCode = new ushort[columnStats.Length];
            var searchable = 0;
            for (var code = 0; code < columnStats.Length; code++)
            {
                if (columnStats[code].Size == 0)
                {
                    continue;
                }

                var isSearchable = columnStats[code].Size >= minSize;
                if (isSearchable && ++searchable > MostSearchablePerColumn)
                {
                    throw new SliceSearchLimitException($"Column '{table.Columns[column].Name}' has more than {MostSearchablePerColumn} values of at least {minSize} rows; raise minSize.");
                }

                searchCodeOfCode[code] = isSearchable ? (ushort)searchable : (ushort)0;
                predicates.Add((column, code));
                stats.Add(columnStats[code]);
                searchCodeOf.Add(searchCodeOfCode[code]);
            }

            searchCodes[column] = Recode(codes, searchCodeOfCode);
        }

        if (predicates.Count > MostPredicates)
        {
            throw new SliceSearchLimitException($"The table has {predicates.Count} predicates; a search takes at most {MostPredicates}; raise minSize.");
        }

        return new PredicateIndex(predicates, stats, searchCodes, [.. searchCodeOf], errors, binary);
    }

    /// <summary>Whether the predicate has at least the smallest slice's rows, and so may be part of a conjunction.</summary>
    public bool IsSearchable(int id) => _searchCodeOf[id] > 0;

    /// <summary>
    /// The stats of each pair of searchable predicates in <paramref name="pairs"/>, all of them on the same two columns
    /// (the first of each pair on the first column), in one sweep of the rows.
    /// </summary>
    public SliceStats[] CountPairs(IReadOnlyList<(int First, int Second)> pairs)
    {
        var firstColumn = Predicates[pairs[0].First].Column;
        var secondColumn = Predicates[pairs[0].Second].Column;
        var width = _widths[secondColumn];
        var cellOf = pairs.Select(pair => ((long)_searchCodeOf[pair.First] * width) + _searchCodeOf[pair.Second]).ToArray();
        var stats = new SliceStats[pairs.Count];
        if ((long)_widths[firstColumn] * width <= MostTableCells)
        {
            var table = new CellStats(_widths[firstColumn] * width, _binary);
            table.AddPairs(_searchCodes[firstColumn], _searchCodes[secondColumn], width, _errors);
            for (var i = 0; i < pairs.Count; i++)
            {
                stats[i] = table.Of((int)cellOf[i]);
            }

            return stats;
        }

        return CountWidePairs(firstColumn, secondColumn, width, cellOf);
    }

    /// <summary>
    /// The stats of the conjunction of <paramref name="parent"/> (searchable predicates on distinct columns) with each
    /// searchable predicate of <paramref name="ids"/>, in one sweep of the rows: a row of the parent is counted in a table
    /// of the codes of each column the ids fall on.
    /// </summary>
    public SliceStats[] Extend(ReadOnlySpan<int> parent, IReadOnlyList<int> ids)
    {
        var parentCodes = new ushort[parent.Length][];
        var wanted = new int[parent.Length];
        for (var i = 0; i < parent.Length; i++)
        {
            parentCodes[i] = _searchCodes[Predicates[parent[i]].Column];
            wanted[i] = _searchCodeOf[parent[i]];
        }

        var columns = ids.Select(id => Predicates[id].Column).Distinct().ToList();
        var extendingCodes = columns.ConvertAll(column => _searchCodes[column]);
        var tables = columns.ConvertAll(column => new CellStats(_widths[column], _binary));
        var lanes = Vector256<ushort>.Count;
        var row = 0;
        for (; row + lanes <= _errors.Length; row += lanes)
        {
            var matches = ParentMatches(parentCodes, wanted, row);
            for (; matches != 0; matches &= matches - 1)
            {
                CountRow(row + BitOperations.TrailingZeroCount(matches), extendingCodes, tables);
            }
        }

        for (; row < _errors.Length; row++)
        {
            var holds = true;
            for (var i = 0; i < parentCodes.Length && holds; i++)
            {
                holds = parentCodes[i][row] == wanted[i];
            }

            if (holds)
            {
                CountRow(row, extendingCodes, tables);
            }
        }

        return [.. ids.Select(id => tables[columns.IndexOf(Predicates[id].Column)].Of(_searchCodeOf[id]))];
    }

    /// <summary>A bit per row of the 16 from <paramref name="row"/> on: set where every parent predicate holds.</summary>
    private static uint ParentMatches(ushort[][] parentCodes, int[] wanted, int row)
    {
        var matches = Vector256<ushort>.AllBitsSet;
        for (var i = 0; i < parentCodes.Length; i++)
        {
            matches &= Vector256.Equals(Vector256.Create<ushort>(parentCodes[i].AsSpan(row, Vector256<ushort>.Count)), Vector256.Create((ushort)wanted[i]));
        }

        return matches.ExtractMostSignificantBits();
    }

    private void CountRow(int row, List<ushort[]> extendingCodes, List<CellStats> tables)
    {
        for (var t = 0; t < tables.Count; t++)
        {
            tables[t].Add(extendingCodes[t][row], _errors[row]);
        }
    }

    /// <summary>A pair too wide for a table of every cell: only the candidates' cells are kept, found by lookup per row.</summary>
    private SliceStats[] CountWidePairs(int firstColumn, int secondColumn, int width, long[] cellOf)
    {
        var slotOf = new Dictionary<long, int>();
        foreach (var cell in cellOf)
        {
            slotOf.TryAdd(cell, slotOf.Count);
        }

        var table = new CellStats(slotOf.Count, _binary);
        var first = _searchCodes[firstColumn];
        var second = _searchCodes[secondColumn];
        for (var row = 0; row < _errors.Length; row++)
        {
            if (slotOf.TryGetValue(((long)first[row] * width) + second[row], out var slot))
            {
                table.Add(slot, _errors[row]);
            }
        }

        return [.. cellOf.Select(cell => table.Of(slotOf[cell]))];
    }

    private static SliceStats[] CodeStats(int[] codes, double[] errors, int labels, bool binary)
    {
        var table = new CellStats(labels + 1, binary);
        for (var row = 0; row < codes.Length; row++)
        {
            // −1 (missing) counts in cell 0, which no predicate reads.
            table.Add(codes[row] + 1, errors[row]);
        }

        return [.. Enumerable.Range(1, labels).Select(table.Of)];
    }

    private static ushort[] Recode(int[] codes, ushort[] searchCodeOfCode)
    {
        var recoded = new ushort[codes.Length];
        for (var row = 0; row < codes.Length; row++)
        {
            recoded[row] = codes[row] < 0 ? (ushort)0 : searchCodeOfCode[codes[row]];
        }

        return recoded;
    }
}
