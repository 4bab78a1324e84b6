using System.Collections.Immutable;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Rows;

/// <summary>Builds the <see cref="RowBlock"/> of chosen rows of a stored part, each row with its current actual.</summary>
internal static class RowBlocks
{
    /// <summary>Rows <paramref name="rows"/> of <paramref name="part"/>, in that order, with features in the model's schema order.</summary>
    public static RowBlock Of(RowPart part, IReadOnlyList<int> rows, SeriesId series, ModelDefinition definition, LateActuals late, bool sampled)
    {
        var actualLabels = ImmutableArray.CreateBuilder<string?>(rows.Count);
        var actualValues = ImmutableArray.CreateBuilder<double>(rows.Count);
        var ownLabels = part.Texts(RowSchema.ActualLabel);
        var ownValues = part.Numbers(RowSchema.ActualValue);
        foreach (var i in rows)
        {
            var label = ownLabels?[i];
            var value = ownValues?[i] ?? double.NaN;
            var hasOwn = label is not null || !double.IsNaN(value);

            // The latest actual wins: a late one or a correction unless the record's own arrived after it.
            if (late.TryGet(part.PredictionIds[i], out var actual) && (!hasOwn || actual.Arrived >= part.Arrived[i]))
            {
                (label, value) = (actual.Label, actual.Value);
            }

            actualLabels.Add(label);
            actualValues.Add(value);
        }

        return new RowBlock
        {
            Series = series,
            PredictionIds = [.. rows.Select(i => part.PredictionIds[i])],
            Timestamps = [.. rows.Select(i => part.Timestamps[i])],
            Revisions = [.. rows.Select(i => part.Revisions[i])],
            Features = [.. definition.Features.Select(f => Column(part, rows, f.Name, RowSchema.Feature(f.Name), f.Type == FeatureType.Numeric))],
            Tags = [.. part.TagNames.Order(StringComparer.Ordinal)
                .Select(t => Column(part, rows, t, RowSchema.Tag(t), numeric: false))
                .Where(c => c.Categories.Any(v => v is not null))],
            PredictedLabels = Texts(part, rows, RowSchema.PredictionLabel),
            Scores = Numbers(part, rows, RowSchema.PredictionScore),
            PredictedValues = Numbers(part, rows, RowSchema.PredictionValue),
            ActualLabels = actualLabels.MoveToImmutable(),
            ActualValues = actualValues.MoveToImmutable(),
            Sampled = sampled,
        };
    }

    private static RowColumn Column(RowPart part, IReadOnlyList<int> rows, string name, string column, bool numeric) =>
        numeric ? new RowColumn(name, Numbers(part, rows, column), []) : new RowColumn(name, [], Texts(part, rows, column));

    private static ImmutableArray<double> Numbers(RowPart part, IReadOnlyList<int> rows, string column) =>
        part.Numbers(column) is { } values ? [.. rows.Select(i => values[i] ?? double.NaN)] : [.. rows.Select(_ => double.NaN)];

    private static ImmutableArray<string?> Texts(RowPart part, IReadOnlyList<int> rows, string column) =>
        part.Texts(column) is { } values ? [.. rows.Select(i => values[i])] : [.. rows.Select(_ => (string?)null)];
}
