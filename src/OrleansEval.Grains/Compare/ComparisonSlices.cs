using OrleansEval.Baselines;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Sketches.Binning;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Compare;

/// <summary>
/// The slices a comparison answers for, by the champion's row: <c>all</c>; the named slices asked for and the champion's
/// worst slices (their conditions tested on the row as the live router tests them); and the elementary slices — every value of each
/// categorical feature and tag (no cap), and each bin of a numeric feature under the baseline's cut points. Each slice
/// is the list of paired rows in it.
/// </summary>
internal static class ComparisonSlices
{
    public const string Everything = "all";

    public static List<(string Name, string Kind, List<int> Rows)> Of(
        ModelDefinition definition, Baseline? baseline, IReadOnlyList<(SliceDefinition Slice, string Kind)> named, List<(RowBlock Block, int Row)> rows)
    {
        var slices = new List<(string Name, string Kind, List<int> Rows)> { (Everything, Everything, [.. Enumerable.Range(0, rows.Count)]) };
        foreach (var (slice, kind) in named)
        {
            var filter = new RowFilter(slice.Conditions);
            var tests = new Dictionary<RowBlock, Func<int, bool>>(ReferenceEqualityComparer.Instance);
            var members = new List<int>();
            for (var i = 0; i < rows.Count; i++)
            {
                var (block, row) = rows[i];
                if (!tests.TryGetValue(block, out var test))
                {
                    test = filter.Bind(block);
                    tests.Add(block, test);
                }

                if (test(row))
                {
                    members.Add(i);
                }
            }

            slices.Add((slice.Name, kind, members));
        }

        var elementary = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var column in definition.Features.Concat(definition.Tags))
        {
            var edges = column.Type == FeatureType.Numeric && baseline?.FindColumn(column.Name) is { CutPoints.IsDefaultOrEmpty: false } binned
                ? new BinEdges(binned.CutPoints)
                : null;
            if (column.Type == FeatureType.Numeric && edges is null)
            {
                continue;
            }

            RowBlock? block = null;
            RowColumn? values = null;
            for (var i = 0; i < rows.Count; i++)
            {
                if (!ReferenceEquals(block, rows[i].Block))
                {
                    block = rows[i].Block;
                    values = block.Features.Concat(block.Tags).FirstOrDefault(c => c.Name == column.Name);
                }

                if (values is not null && NameOf(column.Name, edges, values, rows[i].Row) is { } name)
                {
                    if (!elementary.TryGetValue(name, out var members))
                    {
                        members = [];
                        elementary.Add(name, members);
                    }

                    members.Add(i);
                }
            }
        }

        slices.AddRange(elementary.Select(e => (e.Key, "elementary", e.Value)));
        return slices;
    }

    private static string? NameOf(string column, BinEdges? edges, RowColumn values, int row)
    {
        if (edges is null)
        {
            return values.Categories.IsDefaultOrEmpty || values.Categories[row] is not { } category ? null : $"{column} = {category}";
        }

        var number = values.Numbers.IsDefaultOrEmpty ? double.NaN : values.Numbers[row];
        if (double.IsNaN(number))
        {
            return null;
        }

        var bin = edges.BinOf(number);
        return $"{column} in {SliceCondition.Interval(edges.Lower(bin) ?? double.NegativeInfinity, edges.Upper(bin) ?? double.PositiveInfinity)}";
    }
}
