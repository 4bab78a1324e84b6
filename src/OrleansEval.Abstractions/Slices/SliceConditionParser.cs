using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansEval.Slices;

/// <summary>Reads slice conditions written as <c>column = value</c>, <c>column != value</c> or <c>column in [a, b)</c>.</summary>
public static partial class SliceConditionParser
{
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

        var range = RangePattern().Match(text);
        if (range.Success)
        {
            if (!TryBound(range.Groups["lower"].Value, out var lower) || !TryBound(range.Groups["upper"].Value, out var upper))
            {
                error = $"'{text}': the bounds must be numbers, -inf or inf";
                return false;
            }

            if (!(lower < upper))
            {
                error = $"'{text}': the lower bound must be below the upper bound";
                return false;
            }

            condition = SliceCondition.InRange(range.Groups["column"].Value, lower, upper);
            return true;
        }

        var equality = EqualityPattern().Match(text);
        if (equality.Success)
        {
            var op = equality.Groups["op"].Value == "!=" ? SliceOperator.NotEquals : SliceOperator.Equals;
            condition = new SliceCondition(equality.Groups["column"].Value, op, equality.Groups["value"].Value.Trim(), 0, 0);
            return true;
        }

        error = $"'{text}': write 'column = value', 'column != value' or 'column in [lower, upper)'";
        return false;
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

    [GeneratedRegex(@"^\s*(?<column>[A-Za-z0-9._-]+)\s+in\s+\[\s*(?<lower>[^,\s]+)\s*,\s*(?<upper>[^)\s]+)\s*\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^\s*(?<column>[A-Za-z0-9._-]+)\s*(?<op>!=|=)\s*(?<value>.+?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex EqualityPattern();
}
