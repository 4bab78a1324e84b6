using OrleansEval.Sketches.Slicing;

namespace OrleansEval.Sketches.Tests.Slicing;

public sealed class SliceLineSearchTests
{
    public static TheoryData<int, double, int, bool> BruteForceCases()
    {
        var data = new TheoryData<int, double, int, bool>();
        var seed = 11;
        foreach (var maxConditions in new[] { 1, 2, 3 })
        {
            foreach (var alpha in new[] { 1.0, 0.95 })
            {
                data.Add(seed++, alpha, maxConditions, true);
                data.Add(seed++, alpha, maxConditions, true);
                data.Add(seed++, alpha, maxConditions, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BruteForceCases))]
    public void Search_OnRandomTable_FindsTheBruteForceTopK(int seed, double alpha, int maxConditions, bool binary)
    {
        var random = new Random(seed);
        var table = RandomTable(random, random.Next(400, 2001), random.Next(4, 7), binary);

        AssertMatchesBruteForce(table, alpha, maxConditions, random.Next(5, 40), random.Next(3, 25));
    }

    [Fact]
    public void Search_OnManyTablesWhereTheBoundsPrune_StillFindsTheBruteForceTopK()
    {
        var pruned = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            var random = new Random(1000 + seed);
            var table = RandomTable(random, random.Next(400, 1001), random.Next(4, 7), binary: seed % 2 == 0);
            var minSize = random.Next(table.RowCount / 12, table.RowCount / 5);

            var (examined, lattice) = AssertMatchesBruteForce(table, seed % 4 < 2 ? 1.0 : 0.95, 2 + (seed % 3 == 0 ? 1 : 0), minSize, random.Next(2, 8));

            pruned += examined < lattice ? 1 : 0;
        }

        Assert.True(pruned >= 20, $"the bounds pruned in only {pruned} of 40 tables");
    }

    private static (int Examined, int Lattice) AssertMatchesBruteForce(SliceTable table, double alpha, int maxConditions, int minSize, int k)
    {
        var result = SliceLineSearch.Search(table, new SliceSearchOptions(alpha, minSize, maxConditions, k));

        var expected = BruteForceSlices.Top(table, maxConditions, alpha, minSize, k);
        var all = BruteForceSlices.All(table, maxConditions);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, result.Slices.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var finding = result.Slices[i];
            Assert.Equal(expected[i].Score, finding.Score, 1e-9);
            var (size, errorSum) = all[BruteForceSlices.Key(finding)];
            Assert.Equal(size, finding.Size);
            Assert.Equal(errorSum, finding.ErrorSum, 1e-9);
            Assert.Equal(errorSum / size, finding.Error, 1e-12);
            Assert.InRange(finding.Conditions.Count, 1, maxConditions);
            Assert.True(finding.PValue <= finding.QValue * (1 + 1e-12), $"p {finding.PValue} above q {finding.QValue}");
        }

        return (result.Examined, all.Count);
    }

    [Fact]
    public void Search_WithAPlantedTwoConditionSlice_RanksItFirstAndExaminesFarLessThanTheLattice()
    {
        var random = new Random(7);
        const int Rows = 100_000;
        var columns = Enumerable.Range(0, 10).Select(_ => new int[Rows]).ToArray();
        var errors = new double[Rows];
        for (var row = 0; row < Rows; row++)
        {
            foreach (var column in columns)
            {
                column[row] = random.Next(4);
            }

            var planted = columns[2][row] == 3 && columns[5][row] == 1;
            errors[row] = random.NextDouble() < (planted ? 0.4 : 0.2) ? 1 : 0;
        }

        var table = new SliceTable(
            [.. columns.Select((codes, c) => new SliceColumn($"f{c}", codes, [.. Enumerable.Range(0, 4).Select(code => $"v{code}")]))],
            errors);

        var result = SliceLineSearch.Search(table, new SliceSearchOptions(alpha: 0.95, minSize: 1000, maxConditions: 3, k: 5));

        var best = result.Slices[0];
        Assert.Equal(["f2 = v3", "f5 = v1"], best.Conditions.Select(c => $"{c.Column} = {c.Label}"));
        Assert.True(best.QValue < 1e-10, $"q = {best.QValue}");
        var lattice = 40 + (45 * 16) + (120 * 64);
        Assert.True(result.Examined < lattice / 10, $"examined {result.Examined} of {lattice}");
    }

    [Fact]
    public void Search_WhenCancelled_StopsWithOperationCanceled()
    {
        var table = new SliceTable([new SliceColumn("a", [0, 1, 0, 1], ["x", "y"]), new SliceColumn("b", [0, 0, 1, 1], ["u", "v"])], [1.0, 0, 0, 1]);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => SliceLineSearch.Search(table, new SliceSearchOptions(minSize: 1), cancellation.Token));
    }

    [Fact]
    public void Search_WithNoErrors_AnswersNoSlices()
    {
        var table = new SliceTable([new SliceColumn("a", [0, 1, 0, 1], ["x", "y"])], [0.0, 0, 0, 0]);

        var result = SliceLineSearch.Search(table, new SliceSearchOptions(minSize: 1));

        Assert.Empty(result.Slices);
        Assert.Equal(0, result.OverallError);
    }

    [Theory]
    [InlineData(0.0, 1, 2, 1, "alpha")]
    [InlineData(1.5, 1, 2, 1, "alpha")]
    [InlineData(0.5, 0, 2, 1, "minSize")]
    [InlineData(0.5, 1, 4, 1, "maxConditions")]
    [InlineData(0.5, 1, 0, 1, "maxConditions")]
    [InlineData(0.5, 1, 2, 0, "k")]
    public void Options_BreakingARule_NameTheParameter(double alpha, int minSize, int maxConditions, int k, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SliceSearchOptions(alpha, minSize, maxConditions, k));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Options_WithoutMinSize_UseThirtyTwoOrOnePercent()
    {
        var options = new SliceSearchOptions();

        Assert.Equal(32, options.MinSizeFor(1_000));
        Assert.Equal(10_000, options.MinSizeFor(1_000_000));
    }

    private static SliceTable RandomTable(Random random, int rows, int columnCount, bool binary)
    {
        var columns = new List<SliceColumn>();
        var codes = new int[columnCount][];
        for (var c = 0; c < columnCount; c++)
        {
            var cardinality = random.Next(2, 6);
            codes[c] = [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.03 ? -1 : random.Next(cardinality))];
            columns.Add(new SliceColumn($"c{c}", codes[c], [.. Enumerable.Range(0, cardinality).Select(code => $"v{code}")]));
        }

        var errors = new double[rows];
        for (var row = 0; row < rows; row++)
        {
            var weak = (codes[0][row] == 1 ? 0.2 : 0) + (codes[1][row] == 0 && codes[2][row] == 1 ? 0.3 : 0);
            errors[row] = binary
                ? (random.NextDouble() < 0.15 + weak ? 1 : 0)
                : Math.Round(random.NextDouble() * (1 + (3 * weak)), 3);
        }

        return new SliceTable(columns, errors);
    }
}
