using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.RootCause;
using OrleansEval.RootCause;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.RootCause;

/// <summary>
/// Asks a root cause of a cluster's worker against the "training" baseline, and holds a per-bin answer to the rows answer
/// figure by figure, once the baseline's side is counted.
/// </summary>
internal static class PerBinAnswers
{
    private const double Tolerance = 1e-9;
    private static readonly TimeSpan LongestCount = TimeSpan.FromSeconds(60);

    public static async Task<RootCauseReport> AssertBinsEqualRowsAsync(IGrainFactory grains, string modelId, DateTimeOffset from, DateTimeOffset to, string metric, bool actualDrift = true)
    {
        await WaitForBaselineSideAsync(grains, modelId, "training", metric);
        var bins = await AskAsync(grains, modelId, from, to, metric, null, []);
        var rows = await AskAsync(grains, modelId, from, to, metric, RootCauseSources.Rows, []);

        Assert.True(bins.Source == RootCauseSources.Bins, string.Join("; ", bins.Gaps.Select(gap => $"{gap.Part}: {gap.Reason}")));
        Assert.Equal(RootCauseSources.Rows, rows.Source);
        AssertSameFigures(rows, bins, actualDrift);
        return bins;
    }

    public static async Task<RootCauseReport> AskAsync(IGrainFactory grains, string modelId, DateTimeOffset from, DateTimeOffset to, string metric, string? source, ImmutableArray<SliceCondition> conditions)
    {
        var answer = await grains.GetGrain<IRootCauseWorker>(0).RootCauseAsync(modelId, new RootCauseQuery
        {
            Baseline = "training", Version = "v1", Environment = "production", From = from, To = to, Metric = metric,
            Source = source, Conditions = conditions,
        });
        Assert.Null(answer.Error);
        return answer.Report!;
    }

    /// <summary>Waits (a minute at most) until the baseline's side is counted over its series as it stands.</summary>
    public static async Task WaitForBaselineSideAsync(IGrainFactory grains, string modelId, string name, string metric)
    {
        var baseline = await grains.GetGrain<IModelGrain>(modelId).GetBaselineAsync(name);
        Assert.NotNull(baseline);
        var side = grains.GetGrain<IBaselineSideGrain>(BaselineSideKey.For(modelId, name, baseline.Revision));
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var revision = await BaselineRevision.ReadAsync(grains, modelId, baseline);
            var answer = await side.GetAsync(baseline, metric, revision);
            if (answer.Counts is not null)
            {
                return;
            }

            Assert.True(waited.Elapsed < LongestCount, $"the baseline's side was not counted in {LongestCount}: {answer.Reason}");
        }
    }

    // Every figure the per-bin state answers (the prediction's drift, and a binary classifier's actual drift and so its
    // failure mode), out-of-range rates aside.
    public static void AssertSameFigures(RootCauseReport rows, RootCauseReport bins, bool actualDrift)
    {
        Close(rows.Baseline.Value, bins.Baseline.Value);
        Assert.Equal(rows.Baseline.Labelled, bins.Baseline.Labelled);
        Assert.Equal(rows.Baseline.Rows, bins.Baseline.Rows);
        Close(rows.Baseline.Deviation, bins.Baseline.Deviation);
        Close(rows.Current.Value, bins.Current.Value);
        Assert.Equal(rows.Current.Labelled, bins.Current.Labelled);
        Assert.Equal(rows.Current.Rows, bins.Current.Rows);
        Close(rows.Current.Deviation, bins.Current.Deviation);
        Close(rows.Current.Estimated, bins.Current.Estimated);
        Close(rows.Change, bins.Change);
        Assert.Equal(rows.Prediction!.Column, bins.Prediction!.Column);
        Close(rows.Prediction.Drift?.Value, bins.Prediction.Drift?.Value);
        if (actualDrift)
        {
            Assert.Equal(rows.Actual!.Column, bins.Actual!.Column);
            Close(rows.Actual.Drift?.Value, bins.Actual.Drift?.Value);
            Assert.Equal(rows.FailureMode?.Kind, bins.FailureMode?.Kind);
        }

        Assert.Equal(rows.Features.Select(f => f.Name).Order(StringComparer.Ordinal), bins.Features.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var expected in rows.Features)
        {
            var actual = bins.Features.Single(f => f.Name == expected.Name);
            Assert.Equal(expected.Type, actual.Type);
            Assert.Equal(expected.Drift?.Measure, actual.Drift?.Measure);
            Close(expected.Drift?.Value, actual.Drift?.Value);
            Assert.Equal(expected.Drift?.Drifted, actual.Drift?.Drifted);
            Close(expected.Mix, actual.Mix);
            Close(expected.Within, actual.Within);
            Close(expected.DriftImpact, actual.DriftImpact);
            Close(expected.BaselineMissingRate, actual.BaselineMissingRate);
            Close(expected.CurrentMissingRate, actual.CurrentMissingRate);
            Close(expected.UnseenCategoryRate, actual.UnseenCategoryRate);
            AssertSameBins(expected.Bins, actual.Bins);
        }
    }

    public static void AssertSameBins(ImmutableArray<BinContribution> rows, ImmutableArray<BinContribution> bins)
    {
        Assert.Equal(rows.Select(Name).Order(StringComparer.Ordinal), bins.Select(Name).Order(StringComparer.Ordinal));
        foreach (var expected in rows)
        {
            var actual = bins.Single(bin => Name(bin) == Name(expected));
            Assert.Equal(expected.LabelledBaseline, actual.LabelledBaseline);
            Assert.Equal(expected.LabelledCurrent, actual.LabelledCurrent);
            Assert.Equal(expected.RowsCurrent, actual.RowsCurrent);
            Close(expected.BaselineShare, actual.BaselineShare);
            Close(expected.CurrentShare, actual.CurrentShare);
            Close(expected.RowShare, actual.RowShare);
            Close(expected.BaselineMetric, actual.BaselineMetric);
            Close(expected.CurrentMetric, actual.CurrentMetric);
            Close(expected.Mix, actual.Mix);
            Close(expected.Within, actual.Within);
            Close(expected.DriftImpact, actual.DriftImpact);
        }
    }

    private static string Name(BinContribution bin) =>
        bin.Missing ? "(missing)" : bin.Category ?? $"[{bin.Lower?.ToString("R", CultureInfo.InvariantCulture)}, {bin.Upper?.ToString("R", CultureInfo.InvariantCulture)})";

    public static void Close(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e)
        {
            Assert.Equal(e, actual!.Value, Tolerance);
        }
    }
}
