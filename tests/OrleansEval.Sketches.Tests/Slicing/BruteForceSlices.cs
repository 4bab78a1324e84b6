using OrleansEval.Sketches.Slicing;

namespace OrleansEval.Sketches.Tests.Slicing;

/// <summary>Every conjunction of up to a number of predicates on distinct columns, counted row by row without pruning.</summary>
internal static class BruteForceSlices
{
    /// <summary>Size and error sum of every non-empty conjunction, keyed by its conditions ("column=code&amp;…", column order).</summary>
    public static Dictionary<string, (int Size, double ErrorSum)> All(SliceTable table, int maxConditions)
    {
        var all = new Dictionary<string, (int Size, double ErrorSum)>();
        for (var row = 0; row < table.RowCount; row++)
        {
            foreach (var key in Keys(table, row, 0, maxConditions, ""))
            {
                all.TryGetValue(key, out var stats);
                all[key] = (stats.Size + 1, stats.ErrorSum + table.Errors[row]);
            }
        }

        return all;
    }

    /// <summary>The k best (score, size, error sum, key) with size ≥ minSize and score &gt; 0, best first.</summary>
    public static List<(double Score, int Size, double ErrorSum, string Key)> Top(SliceTable table, int maxConditions, double alpha, int minSize, int k)
    {
        var mean = table.Errors.Sum() / table.RowCount;
        return All(table, maxConditions)
            .Where(pair => pair.Value.Size >= minSize)
            .Select(pair => (Score: Score(alpha, table.RowCount, mean, pair.Value.Size, pair.Value.ErrorSum), pair.Value.Size, pair.Value.ErrorSum, pair.Key))
            .Where(slice => slice.Score > 0)
            .OrderByDescending(slice => slice.Score)
            .Take(k)
            .ToList();
    }

    /// <summary>α·(ē_s/ē − 1) − (1 − α)·(n/|s| − 1).</summary>
    public static double Score(double alpha, int rows, double mean, int size, double errorSum) =>
        (alpha * ((errorSum / size / mean) - 1)) - ((1 - alpha) * (((double)rows / size) - 1));

    /// <summary>The key of a finding, as <see cref="All"/> writes it.</summary>
    public static string Key(SliceFinding finding) => string.Join("&", finding.Conditions.Select(c => $"{c.Column}={c.Code}"));

    private static IEnumerable<string> Keys(SliceTable table, int row, int fromColumn, int remaining, string prefix)
    {
        if (remaining == 0)
        {
            yield break;
        }

        for (var column = fromColumn; column < table.Columns.Count; column++)
        {
            var code = table.Columns[column].Codes[row];
            if (code < 0)
            {
                continue;
            }

            var key = (prefix.Length == 0 ? "" : prefix + "&") + $"{table.Columns[column].Name}={code}";
            yield return key;
            foreach (var longer in Keys(table, row, column + 1, remaining - 1, key))
            {
                yield return longer;
            }
        }
    }
}
