using System.Collections.Immutable;
using System.Runtime.InteropServices;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// Builds the <see cref="RowBlock"/> of chosen rows of a stored part, each row with its current actual. Columns are
/// copied array to array; when the rows are the whole part in its stored order, the block shares the part's arrays.
/// </summary>
internal static class RowBlocks
{
    /// <summary>Rows <paramref name="rows"/> of <paramref name="part"/>, in that order, with features in the model's schema order.</summary>
    public static RowBlock Of(RowPart part, int[] rows, SeriesId series, ModelDefinition definition, LateActuals late, bool sampled)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(definition);
        var pick = new Picker(rows, part.Count);
        var (actualLabels, actualValues) = Actuals(part, rows, late);
        var features = new RowColumn[definition.Features.Length];
        for (var f = 0; f < features.Length; f++)
        {
            var feature = definition.Features[f];
            features[f] = Column(part, pick, feature.Name, RowSchema.Feature(feature.Name), feature.Type == FeatureType.Numeric);
        }

        var tags = new List<RowColumn>();
        foreach (var tag in part.TagNames.Order(StringComparer.Ordinal))
        {
            var column = Column(part, pick, tag, RowSchema.Tag(tag), numeric: false);
            if (column.Categories.Any(v => v is not null))
            {
                tags.Add(column);
            }
        }

        return new RowBlock
        {
            Series = series,
            PredictionIds = pick.From(part.PredictionIds),
            Timestamps = pick.From(part.Timestamps),
            Revisions = pick.From(part.Revisions),
            Features = ImmutableCollectionsMarshal.AsImmutableArray(features),
            Tags = [.. tags],
            PredictedLabels = pick.Texts(part.Texts(RowSchema.PredictionLabel)),
            Scores = pick.Numbers(part.Numbers(RowSchema.PredictionScore)),
            PredictedValues = pick.Numbers(part.Numbers(RowSchema.PredictionValue)),
            ActualLabels = actualLabels,
            ActualValues = actualValues,
            Sampled = sampled,
        };
    }

    // Each row's actual now: the latest wins, a late one or a correction unless the record's own arrived after it.
    private static (ImmutableArray<string?> Labels, ImmutableArray<double> Values) Actuals(RowPart part, int[] rows, LateActuals late)
    {
        var labels = new string?[rows.Length];
        var values = new double[rows.Length];
        var ownLabels = part.Texts(RowSchema.ActualLabel);
        var ownValues = part.Numbers(RowSchema.ActualValue);
        for (var r = 0; r < rows.Length; r++)
        {
            var i = rows[r];
            var label = ownLabels?[i];
            var value = ownValues?[i] ?? double.NaN;
            var hasOwn = label is not null || !double.IsNaN(value);
            if (!late.IsEmpty && late.TryGet(part.PredictionIds[i], out var actual) && (!hasOwn || actual.Arrived >= part.Arrived[i]))
            {
                (label, value) = (actual.Label, actual.Value);
            }

            labels[r] = label;
            values[r] = value;
        }

        return (ImmutableCollectionsMarshal.AsImmutableArray(labels), ImmutableCollectionsMarshal.AsImmutableArray(values));
    }

    private static RowColumn Column(RowPart part, Picker pick, string name, string column, bool numeric) =>
        numeric ? new RowColumn(name, pick.Numbers(part.Numbers(column)), []) : new RowColumn(name, [], pick.Texts(part.Texts(column)));

    /// <summary>Takes the chosen rows of a part's column; the part's own array when they are all of it, in order.</summary>
    private readonly struct Picker(int[] rows, int count)
    {
        private readonly bool _whole = IsWhole(rows, count);

        public ImmutableArray<T> From<T>(T[] column)
        {
            if (_whole)
            {
                return ImmutableCollectionsMarshal.AsImmutableArray(column);
            }

            var values = new T[rows.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                values[r] = column[rows[r]];
            }

            return ImmutableCollectionsMarshal.AsImmutableArray(values);
        }

        public ImmutableArray<double> Numbers(double[]? column) => column is null ? Filled(double.NaN) : From(column);

        public ImmutableArray<string?> Texts(string?[]? column) => column is null ? Filled<string?>(null) : From(column);

        private ImmutableArray<T> Filled<T>(T value)
        {
            var values = new T[rows.Length];
            Array.Fill(values, value);
            return ImmutableCollectionsMarshal.AsImmutableArray(values);
        }

        private static bool IsWhole(int[] rows, int count)
        {
            if (rows.Length != count)
            {
                return false;
            }

            for (var r = 0; r < rows.Length; r++)
            {
                if (rows[r] != r)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
