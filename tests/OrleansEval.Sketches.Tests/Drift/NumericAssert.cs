namespace OrleansEval.Sketches.Tests.Drift;

internal static class NumericAssert
{
    /// <summary>The default tolerance: 1e-9 relative, or 1e-12 absolute for values near zero.</summary>
    public static void Close(double expected, double? actual, string what, double relative = 1e-9, double absolute = 1e-12)
    {
        Assert.True(actual.HasValue, $"{what}: expected {expected:R}, got null");
        var value = actual!.Value;
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            Assert.True(expected.Equals(value), $"{what}: expected {expected:R}, got {value:R}");
            return;
        }

        var error = Math.Abs(value - expected);
        var allowed = Math.Max(relative * Math.Abs(expected), absolute);
        Assert.True(
            error <= allowed,
            $"{what}: expected {expected:R}, got {value:R} (relative error {error / Math.Abs(expected):E2}, allowed {allowed:E2})");
    }

    /// <summary>For p-values, which may be tiny: relative only, with an absolute floor far below any representable p-value of interest.</summary>
    public static void ClosePValue(double expected, double? actual, string what, double relative = 1e-9) =>
        Close(expected, actual, what, relative, absolute: 1e-300);
}
