using System.Globalization;

namespace OrleansEval.Sketches.Performance;

/// <summary>
/// A metric's value, or null with the reason it is undefined; <see cref="Bound"/> is the largest possible absolute
/// difference to the value over every row when it comes from a summary (0 when exact).
/// </summary>
/// <remarks>The default instance is undefined and carries no reason.</remarks>
public readonly record struct MetricResult
{
    private MetricResult(double? value, string? reason, double bound)
    {
        Value = value;
        Reason = reason;
        Bound = bound;
    }

    /// <summary>The value; null when the metric is undefined for the rows seen.</summary>
    public double? Value { get; }

    /// <summary>Why the metric is undefined; null when it has a value.</summary>
    public string? Reason { get; }

    /// <summary>Largest possible |value − exact value|; 0 when the value is exact up to rounding.</summary>
    public double Bound { get; }

    /// <summary>True when <see cref="Value"/> is not null.</summary>
    public bool IsDefined => Value.HasValue;

    /// <summary>True when the value is defined and exact up to rounding.</summary>
    public bool IsExact => Value.HasValue && Bound == 0;

    /// <summary>A value computed from every row.</summary>
    public static MetricResult Exact(double value) => new(value, null, 0);

    /// <summary>A value from a summary, within <paramref name="bound"/> (non-negative) of the exact value.</summary>
    public static MetricResult Approximate(double value, double bound)
    {
        if (!(bound >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "A bound cannot be negative.");
        }

        return new(value, null, bound);
    }

    /// <summary>An undefined metric and the reason.</summary>
    public static MetricResult Undefined(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(null, reason, 0);
    }

    /// <inheritdoc />
    public override string ToString() => Value switch
    {
        null => $"undefined ({Reason ?? "no reason given"})",
        { } v when Bound == 0 => v.ToString("R", CultureInfo.InvariantCulture),
        { } v => $"{v.ToString("R", CultureInfo.InvariantCulture)} ± {Bound.ToString("R", CultureInfo.InvariantCulture)}",
    };
}
