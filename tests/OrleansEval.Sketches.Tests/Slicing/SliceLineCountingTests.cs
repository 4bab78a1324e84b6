using OrleansEval.Sketches.Slicing;

namespace OrleansEval.Sketches.Tests.Slicing;

/// <summary>
/// The counting of conjunctions (a table of code pairs per pair of columns, a parent's rows swept per extending column)
/// against a plain enumeration of every conjunction row by row: the whole answer, ties and their order included.
/// </summary>
public sealed class SliceLineCountingTests
{
    [Theory]
    [InlineData(1, 2, 10_000, true)]
    [InlineData(2, 3, 10_000, true)]
    [InlineData(3, 2, 10_000, false)]
    [InlineData(4, 3, 10_000, false)]
    [InlineData(5, 2, 7, true)]
    [InlineData(6, 3, 7, false)]
    public void Search_OnARandomTableWithTies_AnswersThePlainEnumerationInOrder(int seed, int maxConditions, int k, bool binary)
    {
        var random = new Random(seed);
        var table = TableWithTwinColumns(random, rows: 3_000, binary);

        var result = SliceLineSearch.Search(table, new SliceSearchOptions(alpha: 0.99, minSize: 40, maxConditions, k));

        var expected = Enumerated(table, maxConditions, 0.99, minSize: 40).Take(k).ToList();
        Assert.True(expected.Count >= Math.Min(k, 20), $"only {expected.Count} slices score above 0");
        Assert.Contains(expected, slice => expected.Count(other => other.Score == slice.Score) > 1);
        AssertSame(expected, result);
    }

    [Fact]
    public void Search_OnTwoColumnsTooWideForATableOfEveryCodePair_CountsTheirCandidatesExactly()
    {
        var random = new Random(17);
        var rows = 4_000;
        var wide = Enumerable.Range(0, 2).Select(c => new SliceColumn(
            $"w{c}",
            [.. Enumerable.Range(0, rows).Select(row => row < 2_200 ? row : random.Next(1_100, 2_200))],
            [.. Enumerable.Range(0, 2_200).Select(code => $"v{code}")])).ToList();
        var errors = Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.3 ? 1.0 : 0).ToArray();
        var table = new SliceTable(wide, errors);

        var result = SliceLineSearch.Search(table, new SliceSearchOptions(alpha: 1, minSize: 1, maxConditions: 2, k: 100_000));

        Assert.True(2_201L * 2_201 > 1 << 20, "the pair must be wider than a table of every cell");
        AssertSame(Enumerated(table, 2, 1, minSize: 1).ToList(), result);
        Assert.Contains(result.Slices, slice => slice.Conditions.Count == 2);
    }

    private static void AssertSame(List<Slice> expected, SliceSearchResult result)
    {
        Assert.Equal(expected.Count, result.Slices.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var found = result.Slices[i];
            Assert.Equal(expected[i].Key, BruteForceSlices.Key(found));
            Assert.Equal(expected[i].Size, found.Size);
            Assert.Equal(expected[i].ErrorSum, found.ErrorSum, 1e-9);
            Assert.Equal(expected[i].Score, found.Score, 1e-9);
        }
    }

    /// <summary>Every slice of at least minSize rows scoring above 0, best first; ties by fewer conditions, then by (column, code).</summary>
    private static IEnumerable<Slice> Enumerated(SliceTable table, int maxConditions, double alpha, int minSize)
    {
        var mean = table.Errors.Sum() / table.RowCount;
        var columnOf = table.Columns.Select((column, index) => (column.Name, index)).ToDictionary(pair => pair.Name, pair => pair.index);
        return BruteForceSlices.All(table, maxConditions)
            .Where(pair => pair.Value.Size >= minSize)
            .Select(pair => new Slice(
                pair.Key,
                pair.Value.Size,
                pair.Value.ErrorSum,
                BruteForceSlices.Score(alpha, table.RowCount, mean, pair.Value.Size, pair.Value.ErrorSum),
                [.. pair.Key.Split('&').Select(condition => condition.Split('=')).SelectMany(parts => new[] { columnOf[parts[0]], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) })]))
            .Where(slice => slice.Score > 0)
            .Order(Comparer<Slice>.Create(BestFirst));
    }

    private static int BestFirst(Slice? left, Slice? right)
    {
        var byScore = right!.Score.CompareTo(left!.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byLength = left.ColumnCodes.Length.CompareTo(right.ColumnCodes.Length);
        return byLength != 0 ? byLength : left.ColumnCodes.AsSpan().SequenceCompareTo(right.ColumnCodes);
    }

    /// <summary>Five columns of 2 to 5 codes, each with a twin column holding the same codes, so that every slice has a tie.</summary>
    private static SliceTable TableWithTwinColumns(Random random, int rows, bool binary)
    {
        var columns = new List<SliceColumn>();
        var codes = new List<int[]>();
        for (var c = 0; c < 5; c++)
        {
            var cardinality = random.Next(2, 6);
            int[] column = [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.05 ? -1 : random.Next(cardinality))];
            string[] labels = [.. Enumerable.Range(0, cardinality).Select(code => $"v{code}")];
            codes.Add(column);
            columns.Add(new SliceColumn($"c{c}", column, labels));
            if (c % 2 == 0)
            {
                columns.Add(new SliceColumn($"c{c}twin", column, labels));
            }
        }

        var errors = new double[rows];
        for (var row = 0; row < rows; row++)
        {
            var weak = (codes[0][row] == 1 ? 0.25 : 0) + (codes[1][row] == 0 && codes[2][row] == 1 ? 0.3 : 0);
            errors[row] = binary ? (random.NextDouble() < 0.2 + weak ? 1 : 0) : random.Next(0, 3 + (weak > 0 ? 2 : 0)) / 2.0;
        }

        return new SliceTable(columns, errors);
    }

    private sealed record Slice(string Key, int Size, double ErrorSum, double Score, int[] ColumnCodes);

    [Fact]
    public void Search_OfAColumnWithMoreSearchableValuesThanACodeHolds_IsRefusedNamingMinSize()
    {
        const int rows = PredicateIndex.MostSearchablePerColumn + 10;
        var column = new SliceColumn("id", [.. Enumerable.Range(0, rows)], [.. Enumerable.Range(0, rows).Select(i => $"v{i}")]);
        var table = new SliceTable([column], [.. Enumerable.Range(0, rows).Select(i => (double)(i % 2))]);

        var refused = Assert.Throws<SliceSearchLimitException>(() => SliceLineSearch.Search(table, new SliceSearchOptions(alpha: 0.95, minSize: 1)));

        Assert.Contains("raise minSize", refused.Message, StringComparison.Ordinal);
    }
}
