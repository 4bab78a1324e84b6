namespace OrleansEval.LoadGenerator;

/// <summary>Nearest-rank percentiles of sorted samples.</summary>
internal static class Percentiles
{
    public static double Of(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
