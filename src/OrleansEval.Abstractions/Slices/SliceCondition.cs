using System.Globalization;

namespace OrleansEval.Slices;

/// <summary>
/// One condition of a slice: <c>location = Seattle</c>, <c>location != Seattle</c> or <c>temp_max in [10, 20)</c>
/// (either bound may be -inf or inf).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceCondition")]
[Immutable]
public sealed record SliceCondition(
    [property: Id(0)] string Column,
    [property: Id(1)] SliceOperator Operator,
    [property: Id(2)] string? Value,
    [property: Id(3)] double Lower,
    [property: Id(4)] double Upper)
{
    /// <summary>A numeric range condition.</summary>
    public static SliceCondition InRange(string column, double lower, double upper) => new(column, SliceOperator.InRange, null, lower, upper);

    /// <summary>A category equality condition.</summary>
    public static SliceCondition EqualTo(string column, string value) => new(column, SliceOperator.Equals, value, 0, 0);

    /// <summary>Whether a record's numeric value (NaN when missing) satisfies a range condition.</summary>
    public bool Matches(double number) => Operator == SliceOperator.InRange && number >= Lower && number < Upper;

    /// <summary>Whether a record's category (null when missing) satisfies an equality condition.</summary>
    public bool Matches(string? category) => Operator switch
    {
        SliceOperator.Equals => category is not null && string.Equals(category, Value, StringComparison.Ordinal),
        SliceOperator.NotEquals => !string.Equals(category, Value, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The condition as the API writes it.</summary>
    public override string ToString() => Operator switch
    {
        SliceOperator.Equals => $"{Column} = {Value}",
        SliceOperator.NotEquals => $"{Column} != {Value}",
        _ => $"{Column} in {Interval(Lower, Upper)}",
    };

    /// <summary>A left-closed interval as the API writes it: <c>[-inf, 9.4)</c>, <c>[7.8, 10)</c>.</summary>
    public static string Interval(double lower, double upper) => $"[{Bound(lower)}, {Bound(upper)})";

    private static string Bound(double value) =>
        double.IsNegativeInfinity(value) ? "-inf" : double.IsPositiveInfinity(value) ? "inf" : value.ToString("R", CultureInfo.InvariantCulture);
}
