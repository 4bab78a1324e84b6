using OrleansEval.Performance;
using OrleansEval.Sketches.Drift;

namespace OrleansEval.Grains.Queries;

/// <summary>
/// Compares a slice with the same slice in the baseline: the headline metric is accuracy for a classifier (degraded
/// when it falls by <see cref="AccuracyDrop"/> or more) and MAE for a regressor (degraded when it rises by
/// <see cref="RelativeMaeRise"/> or more). The prediction drift of a slice is the PSI of its score deciles against the
/// same slice's in the baseline.
/// </summary>
internal static class SliceStatuses
{
    public const double AccuracyDrop = 0.05;
    public const double RelativeMaeRise = 0.10;
    public const double PredictionPsiThreshold = 0.2;

    public static SliceStatus Of(SlicePerformance current, SlicePerformance? baseline, bool regression)
    {
        var metric = regression ? "mae" : "accuracy";
        var now = current.Realised[metric]?.Value;
        var then = baseline?.Realised[metric]?.Value;
        double? change = now is { } a && then is { } b ? a - b : null;
        var degraded = change is { } c && (regression ? then is > 0 && c / then.Value >= RelativeMaeRise : c <= -AccuracyDrop);
        var psi = baseline is { ScoreHistogram.IsDefaultOrEmpty: false } && !current.ScoreHistogram.IsDefaultOrEmpty
            ? PopulationStabilityIndex.Instance.Compute(
                [.. baseline.ScoreHistogram.Select(c => (double)c)],
                [.. current.ScoreHistogram.Select(c => (double)c)])
            : null;
        return new SliceStatus(current, baseline, metric, change, degraded, psi, psi >= PredictionPsiThreshold);
    }
}
