using OrleansEval.Sketches.Performance;

namespace OrleansEval.Sketches.Tests.Performance;

internal static class MetricAssert
{
    /// <summary>Counting metrics: within 1e-12 absolute.</summary>
    public static void Counting(double expected, MetricResult actual, string what) => Close(expected, actual, what, relative: 0, absolute: 1e-12);

    /// <summary>Within <paramref name="relative"/> of |expected|, or <paramref name="absolute"/> near zero; the metric must be exact.</summary>
    public static void Close(double expected, MetricResult actual, string what, double relative = 1e-9, double absolute = 1e-12)
    {
        Assert.True(actual.Value.HasValue, $"{what}: expected {expected:R}, got undefined ({actual.Reason})");
        Assert.Equal(0, actual.Bound);
        Close(expected, actual.Value!.Value, what, relative, absolute);
    }

    public static void Close(double expected, double actual, string what, double relative = 1e-9, double absolute = 1e-12)
    {
        var error = Math.Abs(actual - expected);
        var allowed = Math.Max(relative * Math.Abs(expected), absolute);
        Assert.True(error <= allowed, $"{what}: expected {expected:R}, got {actual:R} (error {error:E2}, allowed {allowed:E2})");
    }

    public static void Undefined(MetricResult actual, string reason, string what)
    {
        Assert.False(actual.IsDefined, $"{what}: expected undefined, got {actual}");
        Assert.Equal(reason, actual.Reason);
    }
}
