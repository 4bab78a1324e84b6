using System.Collections.Immutable;
using System.Globalization;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Skew;

namespace OrleansEval.Grains.Skew;

/// <summary>
/// Counts, per feature, the joined ids whose values differ between the reference and the current row: a category when
/// it is not the same string, a number when |a − b| &gt; tolerance·max(|a|, |b|), either when present on one side only;
/// with the mean and largest absolute difference of numbers present on both, and the first few differing ids.
/// </summary>
internal sealed class SkewTally(ModelDefinition definition, double tolerance)
{
    /// <summary>Differing ids kept as examples per feature.</summary>
    public const int ExamplesPerFeature = 5;

    private readonly Dictionary<string, Counts> _counts = definition.Features.ToDictionary(f => f.Name, _ => new Counts(), StringComparer.Ordinal);

    public void Compare(string predictionId, RowBlock reference, int referenceRow, RowBlock current, int currentRow)
    {
        foreach (var feature in definition.Features)
        {
            var counts = _counts[feature.Name];
            var before = Find(reference, feature.Name);
            var after = Find(current, feature.Name);
            if (feature.Type == FeatureType.Numeric)
            {
                CompareNumbers(counts, predictionId, Number(before, referenceRow), Number(after, currentRow));
            }
            else
            {
                CompareCategories(counts, predictionId, Category(before, referenceRow), Category(after, currentRow));
            }
        }
    }

    public ImmutableArray<FeatureSkew> Features() =>
        [.. definition.Features
            .Select(f => (Feature: f, Counts: _counts[f.Name]))
            .Select(p => new FeatureSkew(
                p.Feature.Name,
                p.Feature.Type == FeatureType.Numeric ? "numeric" : "categorical",
                p.Counts.Compared,
                p.Counts.Mismatched,
                p.Counts.BothPresent == 0 ? null : p.Counts.AbsDifferenceSum / p.Counts.BothPresent,
                p.Counts.BothPresent == 0 ? null : p.Counts.MaxAbsDifference,
                [.. p.Counts.Examples]))
            .OrderByDescending(f => f.MismatchRate ?? -1)
            .ThenBy(f => f.Name, StringComparer.Ordinal)];

    private void CompareNumbers(Counts counts, string id, double before, double after)
    {
        var hasBefore = !double.IsNaN(before);
        var hasAfter = !double.IsNaN(after);
        if (!hasBefore && !hasAfter)
        {
            return;
        }

        counts.Compared++;
        var differs = hasBefore != hasAfter;
        if (hasBefore && hasAfter)
        {
            var difference = Math.Abs(before - after);
            counts.BothPresent++;
            counts.AbsDifferenceSum += difference;
            counts.MaxAbsDifference = Math.Max(counts.MaxAbsDifference, difference);
            differs = difference > tolerance * Math.Max(Math.Abs(before), Math.Abs(after));
        }

        if (differs)
        {
            counts.Mismatch(id, hasBefore ? Text(before) : null, hasAfter ? Text(after) : null);
        }
    }

    private static void CompareCategories(Counts counts, string id, string? before, string? after)
    {
        if (before is null && after is null)
        {
            return;
        }

        counts.Compared++;
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            counts.Mismatch(id, before, after);
        }
    }

    private static RowColumn? Find(RowBlock block, string name)
    {
        foreach (var column in block.Features)
        {
            if (column.Name == name)
            {
                return column;
            }
        }

        return null;
    }

    private static double Number(RowColumn? column, int row) =>
        column is null || column.Numbers.IsDefaultOrEmpty ? double.NaN : column.Numbers[row];

    private static string? Category(RowColumn? column, int row) =>
        column is null || column.Categories.IsDefaultOrEmpty ? null : column.Categories[row];

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class Counts
    {
        public long Compared { get; set; }

        public long Mismatched { get; private set; }

        public long BothPresent { get; set; }

        public double AbsDifferenceSum { get; set; }

        public double MaxAbsDifference { get; set; }

        public List<SkewExample> Examples { get; } = [];

        public void Mismatch(string id, string? reference, string? current)
        {
            Mismatched++;
            if (Examples.Count < ExamplesPerFeature)
            {
                Examples.Add(new SkewExample(id, reference, current));
            }
        }
    }
}
