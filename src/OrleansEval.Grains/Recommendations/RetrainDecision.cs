using System.Globalization;
using OrleansEval.Grains.FailureModes;
using OrleansEval.Recommendations;
using OrleansEval.RootCause;
using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Grains.Recommendations;

/// <summary>
/// Whether to retrain: the window's metric is significantly worse than the baseline's (the realised metric when both
/// sides have labelled rows, else the label-free estimate over all the window's rows), and the leading feature's drift
/// explains at least <see cref="FailureModeOptions.DriftExplainsShare"/> of the change (its mix, or its driftImpact
/// for an estimate).
/// </summary>
internal static class RetrainDecision
{
    /// <summary>The decision for <paramref name="report"/>, without additions.</summary>
    public static RecommendationReport Of(RootCauseReport report, FailureModeOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        var judged = Judge(report);
        if (judged is null)
        {
            return Report(report, false, Text($"Neither the realised {report.Metric} nor an estimate of it can be compared with the baseline (no labelled rows, no estimate)."), null, null, null);
        }

        var (basis, change, test, contributions) = judged.Value;
        var leading = contributions.Where(c => c.Value is not null).Select(c => (c.Name, Share: c.Value!.Value / change)).DefaultIfEmpty((Name: string.Empty, Share: 0)).MaxBy(c => c.Share);
        var drift = leading.Share > 0 ? leading : ((string Name, double Share)?)null;
        var worse = MetricDirection.HigherIsBetter(report.Metric) ? change < 0 : change > 0;
        if (test is null)
        {
            return Report(report, false, Text($"The {basis} {report.Metric} could not be tested against the baseline's (no variance of the per-row loss)."), basis, null, drift);
        }

        var significant = test.Value.PValue <= options.SignificanceLevel;
        var explains = drift is { } d && d.Share >= options.DriftExplainsShare;
        var reason = !worse || !significant
            ? Text($"The {basis} {report.Metric} is not significantly worse than the baseline's (change {Number(change)}, p = {Number(test.Value.PValue)}).")
            : !explains
                ? Text($"The {basis} {report.Metric} is significantly worse (change {Number(change)}), but no feature's drift explains {Percent(options.DriftExplainsShare)} of it, so new training rows of the same inputs would not fix it.")
                : Text($"The {basis} {report.Metric} is significantly worse (change {Number(change)}, p = {Number(test.Value.PValue)}) and the drift of {drift!.Value.Name} explains {Percent(drift.Value.Share)} of it.");
        return Report(report, worse && significant && explains, reason, basis, test, drift);
    }

    // The change judged, its test and each feature's contribution to it: realised when both sides are labelled, else estimated.
    private static (string Basis, double Change, (double PValue, string Test)? Test, IEnumerable<(string Name, double? Value)> Contributions)? Judge(RootCauseReport report)
    {
        var baseline = RootCauseFailureModes.Side(report.Baseline.Value, report.Baseline.Labelled, report.Baseline.Deviation);
        if (baseline is null)
        {
            return null;
        }

        var current = RootCauseFailureModes.Side(report.Current.Value, report.Current.Labelled, report.Current.Deviation);
        if (current is not null && report.Change is { } change && change != 0)
        {
            var test = MetricChangeTest.Of(RootCauseFailureModes.IsProportion(report.Metric), baseline, current);
            return ("realised", change, test, report.Features.Select(f => (f.Name, f.Mix)));
        }

        if (report.Current.Estimated is { } estimated && report.Current.Rows > 0 && estimated != baseline.Value && RootCauseFailureModes.IsProportion(report.Metric))
        {
            var test = MetricChangeTest.Of(true, baseline, new MetricSide(estimated, report.Current.Rows));
            return ("estimated", estimated - baseline.Value, test, report.Features.Select(f => (f.Name, f.DriftImpact)));
        }

        return null;
    }

    private static RecommendationReport Report(RootCauseReport report, bool retrain, string reason, string? basis, (double PValue, string Test)? test, (string Name, double Share)? drift) => new()
    {
        Metric = report.Metric,
        From = report.From,
        To = report.To,
        Baseline = report.Baseline,
        Current = report.Current,
        Retrain = retrain,
        Reason = reason,
        Basis = basis,
        Test = test?.Test,
        PValue = test?.PValue,
        DriftFeature = drift?.Name,
        DriftShare = drift?.Share,
    };

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
