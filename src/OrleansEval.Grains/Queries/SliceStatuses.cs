using OrleansEval.Performance;

namespace OrleansEval.Grains.Queries;

/// <summary>
/// Compares a slice with the same slice in the baseline: the headline metric is accuracy for a classifier (degraded
/// when it falls by <see cref="AccuracyDrop"/> or more) and MAE for a regressor (degraded when it rises by
/// <see cref="RelativeMaeRise"/> or more).
/// </summary>
internal static class SliceStatuses
{
    public const double AccuracyDrop = 0.05;
    public const double RelativeMaeRise = 0.10;

    public static SliceStatus Of(SlicePerformance current, SlicePerformance? baseline, bool regression)
    {
        var metric = regression ? "mae" : "accuracy";
        var now = current.Realised[metric]?.Value;
        var then = baseline?.Realised[metric]?.Value;
        double? change = now is { } a && then is { } b ? a - b : null;
        var degraded = change is { } c && (regression ? then is > 0 && c / then.Value >= RelativeMaeRise : c <= -AccuracyDrop);
        return new SliceStatus(current, baseline, metric, change, degraded);
    }
}
