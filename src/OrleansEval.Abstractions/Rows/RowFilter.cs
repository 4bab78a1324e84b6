using System.Collections.Immutable;
using System.Globalization;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Rows;

/// <summary>
/// A conjunction of slice conditions tested on kept rows, with the meaning the live slices give them: <c>=</c> holds
/// for a row whose category is the value, <c>!=</c> for one whose category differs (a missing one included), and
/// <c>in [a, b)</c> for a row whose number lies in the interval (never a missing one). A condition names a feature or a
/// tag; a tag no row of a block carries is missing in all of them. No condition at all holds for every row.
/// </summary>
public sealed class RowFilter
{
    /// <summary>A filter that holds when every one of <paramref name="conditions"/> holds.</summary>
    public RowFilter(ImmutableArray<SliceCondition> conditions)
    {
        Conditions = conditions.IsDefault ? [] : conditions;
    }

    /// <summary>The filter that holds for every row.</summary>
    public static RowFilter Everything { get; } = new([]);

    /// <summary>The conditions, all of which must hold.</summary>
    public ImmutableArray<SliceCondition> Conditions { get; }

    /// <summary>
    /// Null when <paramref name="condition"/> can be tested on rows of <paramref name="definition"/>; otherwise the rule
    /// it breaks: its column must be a feature or tag of the model, tested with <c>in</c> when numeric and with
    /// <c>=</c> or <c>!=</c> when categorical.
    /// </summary>
    public static string? Check(SliceCondition condition, ModelDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(definition);
        var column = definition.FindColumn(condition.Column);
        if (column is null)
        {
            return $"'{condition.Column}' is not a feature or tag of this model";
        }

        return (condition.Operator, column.Type) switch
        {
            (SliceOperator.InRange, not FeatureType.Numeric) => $"'{condition.Column}' is categorical: use = or !=",
            (not SliceOperator.InRange, not FeatureType.Categorical) => $"'{condition.Column}' is numeric: use 'in [lower, upper)'",
            _ => null,
        };
    }

    /// <summary>The test of this filter on the rows of <paramref name="block"/>, by row index; columns are looked up once.</summary>
    public Func<int, bool> Bind(RowBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (Conditions.IsEmpty)
        {
            return _ => true;
        }

        var tests = Conditions.Select(c => Test(c, Find(block, c.Column))).ToArray();
        return row =>
        {
            foreach (var test in tests)
            {
                if (!test(row))
                {
                    return false;
                }
            }

            return true;
        };
    }

    /// <summary>The rows of <paramref name="block"/> the filter holds for, in the block's order.</summary>
    public IEnumerable<int> Rows(RowBlock block)
    {
        var holds = Bind(block);
        for (var row = 0; row < block.Count; row++)
        {
            if (holds(row))
            {
                yield return row;
            }
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

        foreach (var column in block.Tags)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }

    // A numeric test reads a categorical column's values as numbers (a numeric tag is kept as its text); a category
    // test reads a numeric column's values in their shortest round-trip form.
    private static Func<int, bool> Test(SliceCondition condition, RowColumn? column)
    {
        if (condition.Operator == SliceOperator.InRange)
        {
            return column switch
            {
                null => _ => false,
                { IsNumeric: true } numeric => row => condition.Matches(numeric.Numbers[row]),
                _ => row => condition.Matches(AsNumber(column.Categories[row])),
            };
        }

        return column switch
        {
            null => _ => condition.Matches((string?)null),
            { IsNumeric: false } categorical => row => condition.Matches(categorical.Categories[row]),
            _ => row => condition.Matches(AsCategory(column.Numbers[row])),
        };
    }

    private static double AsNumber(string? text) =>
        text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : double.NaN;

    private static string? AsCategory(double number) => double.IsNaN(number) ? null : Ingest.FeatureValue.Of(number).AsCategory();
}
