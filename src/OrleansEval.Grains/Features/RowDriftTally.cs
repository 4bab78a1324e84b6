using OrleansEval.Grains.Models;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Features;

/// <summary>
/// Collects, block by block, the values of every column of a model (features, prediction and actual) on both sides of
/// a sliced drift read, from the rows that meet the filter. An unlabelled row counts as a missing actual, as it does in
/// the actual column's sketch.
/// </summary>
internal sealed class RowDriftTally
{
    private readonly ModelDefinition _definition;
    private readonly RowFilter _filter;

    /// <summary>A tally of every column of <paramref name="definition"/> over the rows <paramref name="filter"/> holds for.</summary>
    public RowDriftTally(ModelDefinition definition, RowFilter filter)
    {
        _definition = definition;
        _filter = filter;
        Columns = ModelColumns.For(definition);
        Baseline = [.. Columns.Select(_ => new ColumnValues())];
        Current = [.. Columns.Select(_ => new ColumnValues())];
    }

    /// <summary>The model's columns, in the order of <see cref="ModelColumns.For"/>.</summary>
    public IReadOnlyList<ModelColumn> Columns { get; }

    /// <summary>The baseline side's values, one per column.</summary>
    public IReadOnlyList<ColumnValues> Baseline { get; }

    /// <summary>The window's values, one per column.</summary>
    public IReadOnlyList<ColumnValues> Current { get; }

    /// <summary>Rows of the baseline that met the filter.</summary>
    public long BaselineRows { get; private set; }

    /// <summary>Rows of the window that met the filter.</summary>
    public long CurrentRows { get; private set; }

    /// <summary>True once a block of either side was a sample of its day.</summary>
    public bool Sampled { get; private set; }

    /// <summary>Adds the rows of <paramref name="block"/> that meet the filter to the window's side or the baseline's.</summary>
    public void Add(RowBlock block, bool current)
    {
        ArgumentNullException.ThrowIfNull(block);
        Sampled |= block.Sampled;
        var holds = _filter.Bind(block);
        var features = Columns.Select(column => column.Role == ColumnRole.Feature ? Find(block, column.Name) : null).ToArray();
        var side = current ? Current : Baseline;
        for (var row = 0; row < block.Count; row++)
        {
            if (!holds(row))
            {
                continue;
            }

            if (current)
            {
                CurrentRows++;
            }
            else
            {
                BaselineRows++;
            }

            for (var c = 0; c < Columns.Count; c++)
            {
                Add(side[c], Columns[c], features[c], block, row);
            }
        }
    }

    private void Add(ColumnValues values, ModelColumn column, RowColumn? feature, RowBlock block, int row)
    {
        if (column.Role == ColumnRole.Feature)
        {
            if (column.Type == FeatureType.Numeric)
            {
                values.AddNumber(feature is { Numbers.IsDefaultOrEmpty: false } ? feature.Numbers[row] : double.NaN);
            }
            else
            {
                values.AddCategory(feature is { Categories.IsDefaultOrEmpty: false } ? feature.Categories[row] : null);
            }

            return;
        }

        switch (column.Name)
        {
            case ColumnNames.PredictionValue:
                values.AddNumber(block.PredictedValues[row]);
                break;
            case ColumnNames.PredictionScore:
                values.AddNumber(block.Scores[row]);
                break;
            case ColumnNames.PredictionLabel:
                values.AddCategory(_definition.PredictedLabel(block.PredictedLabels[row], block.Scores[row]));
                break;
            case ColumnNames.ActualValue:
                values.AddNumber(block.ActualValues[row]);
                break;
            default:
                values.AddCategory(block.ActualLabels[row]);
                break;
        }
    }

    private static RowColumn? Find(RowBlock block, string name)
    {
        foreach (var column in block.Features)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }
}
