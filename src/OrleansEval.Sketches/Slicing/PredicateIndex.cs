using System.Numerics;

namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// Every predicate (column, code) of a table with its level-one stats, and a row bitset for each predicate large enough
/// to be searched; a conjunction is counted by AND-ing its predicates' bitsets.
/// </summary>
internal sealed class PredicateIndex
{
    /// <summary>The most predicates a table may have: a conjunction's key packs three ids in 21 bits each.</summary>
    public const int MostPredicates = (1 << 21) - 2;

    private readonly ulong[]?[] _bits;
    private readonly ulong[]? _errorBits;
    private readonly double[] _errors;

    private PredicateIndex(List<(int Column, int Code)> predicates, SliceStats[] stats, ulong[]?[] bits, ulong[]? errorBits, double[] errors)
    {
        Predicates = predicates;
        Stats = stats;
        _bits = bits;
        _errorBits = errorBits;
        _errors = errors;
    }

    /// <summary>(column index, code) of each predicate; ids are grouped by column, columns in table order.</summary>
    public IReadOnlyList<(int Column, int Code)> Predicates { get; }

    /// <summary>The stats of each single predicate.</summary>
    public IReadOnlyList<SliceStats> Stats { get; }

    /// <summary>Indexes <paramref name="table"/>, keeping bitsets only for predicates of at least <paramref name="minSize"/> rows.</summary>
    public static PredicateIndex Build(SliceTable table, double[] errors, bool binary, int minSize)
    {
        var predicates = new List<(int, int)>();
        var stats = new List<SliceStats>();
        var bits = new List<ulong[]?>();
        var words = (table.RowCount + 63) / 64;
        for (var column = 0; column < table.Columns.Count; column++)
        {
            var codes = table.Columns[column].Codes as int[] ?? [.. table.Columns[column].Codes];
            var columnStats = CodeStats(codes, errors, table.Columns[column].Labels.Count);
            var idOfCode = new int[columnStats.Length];
            for (var code = 0; code < columnStats.Length; code++)
            {
                idOfCode[code] = -1;
                if (columnStats[code].Size > 0)
                {
                    idOfCode[code] = predicates.Count;
                    predicates.Add((column, code));
                    stats.Add(columnStats[code]);
                    bits.Add(columnStats[code].Size >= minSize ? new ulong[words] : null);
                }
            }

            for (var row = 0; row < codes.Length; row++)
            {
                if (codes[row] >= 0 && bits[idOfCode[codes[row]]] is { } set)
                {
                    set[row >> 6] |= 1UL << row;
                }
            }
        }

        if (predicates.Count > MostPredicates)
        {
            throw new ArgumentException($"The table has {predicates.Count} predicates; a search takes at most {MostPredicates}.", nameof(table));
        }

        return new PredicateIndex(predicates, [.. stats], [.. bits], binary ? ErrorBits(errors, words) : null, errors);
    }

    /// <summary>The stats of the conjunction of <paramref name="ids"/> (two or three predicates with bitsets).</summary>
    public SliceStats Evaluate(int[] ids)
    {
        var first = _bits[ids[0]]!;
        var second = _bits[ids[1]]!;
        var third = ids.Length > 2 ? _bits[ids[2]]! : null;
        long size = 0;
        double errorSum = 0, squareSum = 0, maxError = 0;
        for (var word = 0; word < first.Length; word++)
        {
            var mask = first[word] & second[word];
            if (third is not null)
            {
                mask &= third[word];
            }

            if (mask == 0)
            {
                continue;
            }

            size += BitOperations.PopCount(mask);
            if (_errorBits is not null)
            {
                errorSum += BitOperations.PopCount(mask & _errorBits[word]);
                continue;
            }

            for (; mask != 0; mask &= mask - 1)
            {
                var error = _errors[(word << 6) + BitOperations.TrailingZeroCount(mask)];
                errorSum += error;
                squareSum += error * error;
                maxError = Math.Max(maxError, error);
            }
        }

        return _errorBits is not null
            ? new SliceStats((int)size, errorSum, errorSum, errorSum > 0 ? 1 : 0)
            : new SliceStats((int)size, errorSum, squareSum, maxError);
    }

    /// <summary>The rows, ascending, of the conjunction of <paramref name="ids"/> (predicates with bitsets).</summary>
    public int[] Rows(ReadOnlySpan<int> ids)
    {
        var rows = new List<int>();
        var first = _bits[ids[0]]!;
        for (var word = 0; word < first.Length; word++)
        {
            var mask = first[word];
            for (var i = 1; i < ids.Length && mask != 0; i++)
            {
                mask &= _bits[ids[i]]![word];
            }

            for (; mask != 0; mask &= mask - 1)
            {
                rows.Add((word << 6) + BitOperations.TrailingZeroCount(mask));
            }
        }

        return [.. rows];
    }

    /// <summary>The stats of the rows among <paramref name="rows"/> (ascending) that predicate <paramref name="id"/> holds.</summary>
    public SliceStats Extend(int[] rows, int id)
    {
        var bits = _bits[id]!;
        var size = 0;
        double errorSum = 0, squareSum = 0, maxError = 0;
        foreach (var row in rows)
        {
            if ((bits[row >> 6] & (1UL << row)) != 0)
            {
                var error = _errors[row];
                size++;
                errorSum += error;
                squareSum += error * error;
                maxError = Math.Max(maxError, error);
            }
        }

        return new SliceStats(size, errorSum, squareSum, maxError);
    }

    /// <summary>Whether the predicate has a bitset, that is, at least the smallest slice's rows.</summary>
    public bool IsSearchable(int id) => _bits[id] is not null;

    private static SliceStats[] CodeStats(int[] codes, double[] errors, int labels)
    {
        var sizes = new int[labels];
        var sums = new double[labels];
        var squares = new double[labels];
        var maxima = new double[labels];
        for (var row = 0; row < codes.Length; row++)
        {
            var code = codes[row];
            if (code >= 0)
            {
                sizes[code]++;
                sums[code] += errors[row];
                squares[code] += errors[row] * errors[row];
                maxima[code] = Math.Max(maxima[code], errors[row]);
            }
        }

        var stats = new SliceStats[labels];
        for (var code = 0; code < labels; code++)
        {
            stats[code] = new SliceStats(sizes[code], sums[code], squares[code], maxima[code]);
        }

        return stats;
    }

    private static ulong[] ErrorBits(double[] errors, int words)
    {
        var bits = new ulong[words];
        for (var row = 0; row < errors.Length; row++)
        {
            if (errors[row] > 0)
            {
                bits[row >> 6] |= 1UL << row;
            }
        }

        return bits;
    }
}
