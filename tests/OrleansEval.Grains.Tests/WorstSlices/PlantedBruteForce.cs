namespace OrleansEval.Grains.Tests.WorstSlices;

/// <summary>
/// Every conjunction of one to three predicates over ten columns of four codes (c0–c5 categorical, x0–x3 four bins),
/// counted row by row without pruning, scored as SliceLine scores and ranked as the search ranks: score, then fewer
/// conditions, then column and code order.
/// </summary>
internal static class PlantedBruteForce
{
    private const int Columns = 10;

    private static readonly string[] Bins = ["[-inf, 25)", "[25, 50)", "[50, 75)", "[75, inf)"];

    private static readonly int[][] Subsets = [.. EnumerateSubsets()];

    /// <summary>Conjunctions of one to three of the ten columns, each with 4 codes per column: 40 + 45·16 + 120·64.</summary>
    public static int Lattice => Subsets.Sum(subset => 1 << (2 * subset.Length));

    public static List<(string Name, int Size, double Error)> Top(IReadOnlyList<(int[] Codes, bool Wrong)> rows, double alpha, int minSize, int k)
    {
        var sizes = new int[Subsets.Length, 64];
        var errors = new int[Subsets.Length, 64];
        foreach (var (codes, wrong) in rows)
        {
            for (var s = 0; s < Subsets.Length; s++)
            {
                var key = Subsets[s].Aggregate(0, (combined, column) => (combined * 4) + codes[column]);
                sizes[s, key]++;
                errors[s, key] += wrong ? 1 : 0;
            }
        }

        var mean = rows.Count(row => row.Wrong) / (double)rows.Count;
        var found = new List<(double Score, int Length, string Order, string Name, int Size, double Error)>();
        for (var s = 0; s < Subsets.Length; s++)
        {
            for (var key = 0; key < 1 << (2 * Subsets[s].Length); key++)
            {
                var size = sizes[s, key];
                var score = (alpha * ((errors[s, key] / (double)size / mean) - 1)) - ((1 - alpha) * (((double)rows.Count / size) - 1));
                if (size >= minSize && score > 0)
                {
                    var codes = Codes(key, Subsets[s].Length);
                    var order = string.Concat(Subsets[s].Select((column, i) => $"{column:D2}{codes[i]}"));
                    var name = string.Join(" & ", Subsets[s].Select((column, i) => column < 6 ? $"c{column} = v{codes[i]}" : $"x{column - 6} in {Bins[codes[i]]}"));
                    found.Add((score, Subsets[s].Length, order, name, size, errors[s, key] / (double)size));
                }
            }
        }

        return [.. found
            .OrderByDescending(slice => slice.Score)
            .ThenBy(slice => slice.Length)
            .ThenBy(slice => slice.Order, StringComparer.Ordinal)
            .Take(k)
            .Select(slice => (slice.Name, slice.Size, slice.Error))];
    }

    private static int[] Codes(int key, int length)
    {
        var codes = new int[length];
        for (var i = length - 1; i >= 0; i--, key /= 4)
        {
            codes[i] = key % 4;
        }

        return codes;
    }

    private static IEnumerable<int[]> EnumerateSubsets()
    {
        for (var a = 0; a < Columns; a++)
        {
            yield return [a];
            for (var b = a + 1; b < Columns; b++)
            {
                yield return [a, b];
                for (var c = b + 1; c < Columns; c++)
                {
                    yield return [a, b, c];
                }
            }
        }
    }
}
