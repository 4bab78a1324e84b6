namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// Every predicate (column, code) of a table with its level-one stats, and each column recoded for the search: the rows'
/// searchable predicates (at least minSize rows) numbered 1 to m within the column, 0 for any other row, one ushort a
/// row. A pair of columns is counted in one sweep of the rows into an (m + 1) × (m + 1) table of cells; a longer
/// conjunction by sweeping its parent's rows once per extending column.
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
    private readonly Lazy<int[][]>[] _rowsBySearchCode;
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

        _rowsBySearchCode = [.. Enumerable.Range(0, searchCodes.Length).Select(column => new Lazy<int[][]>(() => RowsBySearchCode(column)))];
    }

    /// <summary>(column index, code) of each predicate; ids are grouped by column, columns in table order.</summary>
    public IReadOnlyList<(int Column, int Code)> Predicates { get; }

    /// <summary>The stats of each single predicate.</summary>
    public IReadOnlyList<SliceStats> Stats { get; }

    /// <summary>Indexes <paramref name="table"/>; predicates of at least <paramref name="minSize"/> rows are searchable.</summary>
    /// <exception cref="ArgumentException">The table has too many predicates, or a column too many searchable ones.</exception>
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
                    throw new ArgumentException($"Column '{table.Columns[column].Name}' has more than {MostSearchablePerColumn} values of at least {minSize} rows; raise minSize.", nameof(table));
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
            throw new ArgumentException($"The table has {predicates.Count} predicates; a search takes at most {MostPredicates}.", nameof(table));
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
    /// The rows, ascending, where every predicate of <paramref name="ids"/> (searchable, distinct columns) holds: the rows
    /// of the smallest predicate, kept by the codes of the others.
    /// </summary>
    public int[] Rows(ReadOnlySpan<int> ids)
    {
        var smallest = ids[0];
        foreach (var id in ids)
        {
            smallest = Stats[id].Size < Stats[smallest].Size ? id : smallest;
        }

        var others = new List<(ushort[] Codes, int Wanted)>();
        foreach (var id in ids)
        {
            if (id != smallest)
            {
                others.Add((_searchCodes[Predicates[id].Column], _searchCodeOf[id]));
            }
        }

        var rows = new List<int>();
        foreach (var row in _rowsBySearchCode[Predicates[smallest].Column].Value[_searchCodeOf[smallest]])
        {
            var holds = true;
            for (var i = 0; i < others.Count && holds; i++)
            {
                holds = others[i].Codes[row] == others[i].Wanted;
            }

            if (holds)
            {
                rows.Add(row);
            }
        }

        return [.. rows];
    }

    /// <summary>
    /// The stats of <paramref name="rows"/> (ascending) narrowed by each searchable predicate of <paramref name="ids"/>:
    /// one sweep of the rows per column the ids fall on.
    /// </summary>
    public SliceStats[] Extend(int[] rows, IReadOnlyList<int> ids)
    {
        var tables = new Dictionary<int, CellStats>();
        var stats = new SliceStats[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            var column = Predicates[ids[i]].Column;
            if (!tables.TryGetValue(column, out var table))
            {
                table = new CellStats(_widths[column], _binary);
                table.AddRows(rows, _searchCodes[column], _errors);
                tables[column] = table;
            }

            stats[i] = table.Of(_searchCodeOf[ids[i]]);
        }

        return stats;
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

    /// <summary>The rows of each search code of <paramref name="column"/>, ascending, in one sweep of the column.</summary>
    private int[][] RowsBySearchCode(int column)
    {
        var codes = _searchCodes[column];
        var counts = new int[_widths[column]];
        foreach (var code in codes)
        {
            counts[code]++;
        }

        var rows = counts.Select((count, code) => code == 0 ? [] : new int[count]).ToArray();
        Array.Clear(counts);
        for (var row = 0; row < codes.Length; row++)
        {
            if (codes[row] > 0)
            {
                rows[codes[row]][counts[codes[row]]++] = row;
            }
        }

        return rows;
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
