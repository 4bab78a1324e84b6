using OrleansEval.Baselines;
using OrleansEval.Performance;
using OrleansEval.Slices;
using OrleansEval.Sketches.Drift;

namespace OrleansEval.Grains.Queries;

/// <summary>
/// Compares a slice with the same slice in the baseline: the headline metric is accuracy for a classifier (degraded
/// when it falls by <see cref="AccuracyDrop"/> or more) and MAE for a regressor (degraded when it rises by
/// <see cref="RelativeMaeRise"/> or more). The prediction drift of a slice is the PSI of its score deciles against the
/// same slice's in the baseline. A comparison that cannot be made says why.
/// </summary>
internal static class SliceStatuses
{
    public const double AccuracyDrop = 0.05;
    public const double RelativeMaeRise = 0.10;
    public const double PredictionPsiThreshold = 0.2;

    public static SliceStatus Of(SlicePerformance current, SlicePerformance? baseline, bool regression, Baseline? frozen)
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
        return new SliceStatus(current, baseline, metric, change, degraded, psi, psi >= PredictionPsiThreshold)
        {
            BaselineMissing = baseline is null ? BaselineMissing(current.Slice, frozen) : null,
            ChangeMissing = baseline is not null && change is null ? ChangeMissing(current, baseline, metric) : null,
        };
    }

    /// <summary>Why a slice has no counterpart in the latest baseline's series.</summary>
    public static string BaselineMissing(string slice, Baseline? frozen)
    {
        if (frozen is null)
        {
            return "the model has no baseline to compare with";
        }

        var series = $"version '{frozen.Spec.Version}' in '{frozen.Spec.Environment}'";
        var key = SliceKey.FromApiId(slice);
        return key.Column is null && key.Family != SliceKey.All
            ? $"no record of baseline '{frozen.Name}' ({series}) reached this named slice: it counts records sent after it was defined, unless backfilled"
            : RowBinPerformance.IsNumericBin(slice)
                ? $"no kept row of baseline '{frozen.Name}' ({series}) falls in this bin: its slice grains count records that arrive after the bins exist, and its rows are kept for the row retention only"
                : $"baseline '{frozen.Name}' ({series}) has no record in this slice";
    }

    private static string ChangeMissing(SlicePerformance current, SlicePerformance baseline, string metric) =>
        current.Realised[metric]?.Value is null
            ? $"{metric} is undefined in the window: {current.Realised[metric]?.Reason ?? "no labelled rows"}"
            : $"{metric} is undefined in the baseline: {baseline.Realised[metric]?.Reason ?? "no labelled rows"}";
}
