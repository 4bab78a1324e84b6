using OrleansEval.Grains.FailureModes;
using OrleansEval.Grains.RootCause;
using OrleansEval.Grains.WarmUp;
using OrleansEval.RootCause;
using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Grains.Tests.WarmUp;

/// <summary>
/// The warm-up runs the query paths' real code on its synthetic model: every answer is a full one, and the root cause
/// it takes per bin, from a kept baseline side and the families' counts, is the one the rows path gives on the same rows.
/// </summary>
public sealed class QueryWarmUpTests
{
    [Fact]
    public async Task RunAsync_OfTheSyntheticModel_AnswersEveryQueryInFull()
    {
        var answers = await QueryWarmUp.RunAsync(new FailureModeOptions(), 4_000_000, CancellationToken.None);

        var rootCause = answers.RootCause.Report!;
        Assert.Equal(["segment", "x1", "x2"], rootCause.Features.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal("x1", rootCause.Features[0].Name);
        // The window's new category of `segment` (a tenth of its rows) outranks x1's shift: a data-quality break.
        Assert.Equal(FailureModeKinds.DataQuality, rootCause.FailureMode!.Kind);
        Assert.Equal("segment", rootCause.FailureMode.Evidence[0].Feature);
        Assert.Equal(rootCause.Change!.Value, rootCause.Features[0].Bins.Sum(b => b.Mix!.Value + b.Within!.Value), 12);
        Assert.NotNull(answers.Recommendation.Report);
        Assert.NotEmpty(answers.WorstSlices.Report!.Slices);
        var drift = answers.Drift.Report!;
        Assert.Equal(3, drift.Features.Length);
        Assert.True(drift.Features.Single(f => f.Name == "x1").Drifted);
    }

    [Fact]
    public async Task RunAsync_RootCauseFromTheKeptSide_EqualsTheRowsPathOnTheSameRows()
    {
        var answers = await QueryWarmUp.RunAsync(new FailureModeOptions(), 4_000_000, CancellationToken.None);
        var series = WarmUpRows.CurrentSeries;
        var query = new RootCauseQuery { Version = series.Version, Environment = series.Environment, From = WarmUpRows.From, To = WarmUpRows.To };
        var fromRows = await RootCauseEngine.RunAsync(
            WarmUpRows.Definition,
            WarmUpRows.Baseline,
            query,
            RootCauseMetrics.Accuracy,
            WarmUpRows.Stream(WarmUpRows.BaselineBlocks),
            WarmUpRows.Stream(WarmUpRows.CurrentBlocks),
            CancellationToken.None);
        var classified = RootCauseFailureModes.Classify(fromRows with { Current = fromRows.Current with { Estimated = fromRows.Current.Value } }, new FailureModeOptions());

        var kept = answers.RootCause.Report!;
        Assert.Equal(classified.Change, kept.Change);
        Assert.Equal(classified.Features.Select(f => (f.Name, f.Mix, f.Within, f.DriftImpact)), kept.Features.Select(f => (f.Name, f.Mix, f.Within, f.DriftImpact)));

        // The window's side is counted from what the slice families would answer, member by member the rows' own counts.
        Assert.Equal(classified.Features.Select(Bins), kept.Features.Select(Bins));
        Assert.Equal(classified.FailureMode!.Kind, kept.FailureMode!.Kind);
    }

    private static string Bins(FeatureContribution feature) =>
        string.Join(";", feature.Bins.Select(b => (b.Category, b.Lower, b.CurrentShare, b.RowShare, b.LabelledCurrent, b.CurrentMetric)));

    [Fact]
    public async Task RunAsync_Cancelled_Stops()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => QueryWarmUp.RunAsync(new FailureModeOptions(), 4_000_000, cancelled.Token));
    }
}
