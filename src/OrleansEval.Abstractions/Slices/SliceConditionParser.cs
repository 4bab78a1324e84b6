using System.Globalization;
using System.Text.RegularExpressions;
using OrleansEval.Keys;

namespace OrleansEval.Slices;

/// <summary>Reads slice conditions written as <c>column = value</c>, <c>column != value</c> or <c>column in [a, b)</c>.</summary>
public static partial class SliceConditionParser
{
    /// <summary>Longest condition read: a column name, an operator and a category of the longest length a record may carry.</summary>
    public const int MaxLength = 1024;

    /// <summary>Parses one condition, or explains why it cannot be read.</summary>
    public static bool TryParse(string? text, out SliceCondition? condition, out string? error)
    {
        condition = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a condition must not be empty";
            return false;
        }

        if (text.Length > MaxLength || text.Any(char.IsControl))
        {
            error = $"{Quoting.Quote(text)}: a condition must be at most {MaxLength} characters without control characters";
            return false;
        }

        var range = RangePattern().Match(text);
        if (range.Success)
        {
            if (!TryBound(range.Groups["lower"].Value, out var lower) || !TryBound(range.Groups["upper"].Value, out var upper))
            {
                error = $"{Quoting.Quote(text)}: the bounds must be numbers, -inf or inf";
                return false;
            }

            if (!(lower < upper))
            {
                error = $"{Quoting.Quote(text)}: the lower bound must be below the upper bound";
                return false;
            }

            condition = SliceCondition.InRange(range.Groups["column"].Value, lower, upper);
            return CheckColumn(ref condition, out error);
        }

        var equality = EqualityPattern().Match(text);
        if (equality.Success)
        {
            var op = equality.Groups["op"].Value == "!=" ? SliceOperator.NotEquals : SliceOperator.Equals;
            condition = new SliceCondition(equality.Groups["column"].Value, op, equality.Groups["value"].Value.Trim(), 0, 0);
            return CheckColumn(ref condition, out error);
        }

        error = $"{Quoting.Quote(text)}: write 'column = value', 'column != value' or 'column in [lower, upper)'";
        return false;
    }

    private static bool CheckColumn(ref SliceCondition? condition, out string? error)
    {
        error = NameRules.Check(NameKind.Name, condition!.Column) is { } rule ? $"the column {rule}" : null;
        if (error is not null)
        {
            condition = null;
        }

        return error is null;
    }

    private static bool TryBound(string text, out double value)
    {
        switch (text)
        {
            case "-inf":
                value = double.NegativeInfinity;
                return true;
            case "inf" or "+inf":
                value = double.PositiveInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }
    }

    [GeneratedRegex(@"\A\s*(?<column>[A-Za-z0-9._-]+)\s+in\s+\[\s*(?<lower>[^,\s]+)\s*,\s*(?<upper>[^)\s]+)\s*\)\s*\z", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"\A\s*(?<column>[A-Za-z0-9._-]+)\s*(?<op>!=|=)\s*(?<value>.+?)\s*\z", RegexOptions.CultureInvariant)]
    private static partial Regex EqualityPattern();
}
