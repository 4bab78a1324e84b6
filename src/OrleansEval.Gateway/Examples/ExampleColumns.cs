using System.Collections.Immutable;
using System.Globalization;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Gateway.Examples;

/// <summary>
/// The model's features and tags as the examples answers write them, and each one's column in a block: a block is
/// bound once, and a feature or tag it lacks is missing in all of its rows.
/// </summary>
internal sealed class ExampleColumns(ModelDefinition model)
{
    private RowBlock? _bound;
    private RowColumn?[] _features = [];
    private RowColumn?[] _tags = [];

    public ImmutableArray<FeatureDefinition> Features { get; } = model.Features;

    public ImmutableArray<FeatureDefinition> Tags { get; } = model.Tags;

    public bool IsRegression { get; } = model.Task == ModelTask.Regression;

    /// <summary>The block's column of each feature and each tag, in schema order (null where the block has none).</summary>
    public (RowColumn?[] Features, RowColumn?[] Tags) Of(RowBlock block)
    {
        if (!ReferenceEquals(block, _bound))
        {
            _features = [.. Features.Select(f => Find(block.Features, f.Name))];
            _tags = [.. Tags.Select(t => Find(block.Tags, t.Name))];
            _bound = block;
        }

        return (_features, _tags);
    }

    /// <summary>A numeric value of a column (NaN when missing); a categorical column's text is read as a number.</summary>
    public static double Number(RowColumn? column, int row) => column switch
    {
        null => double.NaN,
        { IsNumeric: true } => column.Numbers[row],
        _ => double.TryParse(column.Categories[row], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN,
    };

    /// <summary>A categorical value of a column (null when missing); a numeric column's value in its round-trip form.</summary>
    public static string? Category(RowColumn? column, int row) => column switch
    {
        null => null,
        { IsNumeric: false } => column.Categories[row],
        _ => double.IsNaN(column.Numbers[row]) ? null : column.Numbers[row].ToString("R", CultureInfo.InvariantCulture),
    };

    private static RowColumn? Find(ImmutableArray<RowColumn> columns, string name)
    {
        foreach (var column in columns)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }
}
