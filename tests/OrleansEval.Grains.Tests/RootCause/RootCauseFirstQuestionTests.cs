using System.Collections.Immutable;
using Orleans.Core.Internal;
using OrleansEval.Actuals;
using OrleansEval.Baselines;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Ingest;
using OrleansEval.RootCause;

namespace OrleansEval.Grains.Tests.RootCause;

/// <summary>
/// The first per-bin question after a baseline is frozen reads the side counted in the background, even when records
/// went on reaching the baseline's series after its window (a baseline over last month of production, a window over
/// this one); only what reaches the baseline's own rows makes it count again, and an answer that could not use the kept
/// counts says so. A counter stopped in the middle of its count counts again and the next answer is exact.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RootCauseFirstQuestionTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset January2013 = new(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset January2014 = January2013.AddYears(1);
    private static readonly TimeSpan LongestHold = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RootCause_FirstQuestionAfterRecordsReachedTheBaselineSeriesPastItsWindow_ReadsTheKeptSideAndNoRow()
    {
        var (modelId, production) = await FreezeLastYearAsync("firstq");
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, [.. production.Where(record => record.Timestamp >= January2014)]);

        var before = ClusterFixture.RowStore.Reads(modelId);
        var first = await PerBinAnswers.AskAsync(fixture.Grains, modelId, January2014, January2014.AddYears(1), RootCauseMetrics.Accuracy, null, []);
        var readByFirst = ClusterFixture.RowStore.Reads(modelId) - before;

        Assert.Equal(RootCauseSources.Bins, first.Source);
        Assert.Equal(RootCauseSources.Kept, first.Baseline.Source);
        Assert.Null(first.Baseline.SourceNote);
        Assert.Equal(0, readByFirst);
        var rows = await PerBinAnswers.AskAsync(fixture.Grains, modelId, January2014, January2014.AddYears(1), RootCauseMetrics.Accuracy, RootCauseSources.Rows, []);
        PerBinAnswers.AssertSameFigures(rows, first, actualDrift: true);
    }

    [Fact]
    public async Task RootCause_AfterCorrections_KeepsTheSideForOnesPastTheBaselineWindow_AndSaysItCountedAgainForOnesInIt()
    {
        var (modelId, production) = await FreezeLastYearAsync("firstfix");
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, [.. production.Where(record => record.Timestamp >= January2014)]);
        var (from, to) = (January2014, January2014.AddYears(1));

        await SendFlippedAsync(modelId, [.. production.Where(record => record.Timestamp >= January2014).Take(30)]);
        var pastWindow = await PerBinAnswers.AskAsync(fixture.Grains, modelId, from, to, RootCauseMetrics.Accuracy, null, []);
        await SendFlippedAsync(modelId, [.. production.Where(record => record.Timestamp < January2014).Take(30)]);
        var inWindow = await PerBinAnswers.AskAsync(fixture.Grains, modelId, from, to, RootCauseMetrics.Accuracy, null, []);
        var rows = await PerBinAnswers.AskAsync(fixture.Grains, modelId, from, to, RootCauseMetrics.Accuracy, RootCauseSources.Rows, []);

        Assert.Equal(RootCauseSources.Kept, pastWindow.Baseline.Source);
        Assert.Null(pastWindow.Baseline.SourceNote);
        Assert.NotNull(inWindow.Baseline.SourceNote);
        Assert.StartsWith("the baseline's rows changed since its bins were counted", inWindow.Baseline.SourceNote, StringComparison.Ordinal);
        Assert.NotEqual(pastWindow.Baseline.Value, inWindow.Baseline.Value);
        PerBinAnswers.AssertSameFigures(rows, inWindow, actualDrift: true);
    }

    [Fact]
    public async Task RootCause_WhileTheSideIsCounted_SaysItCountedRows_AndACounterDeactivatedMidCount_CountsAgainToAnExactAnswer()
    {
        ClusterFixture.Clock.Set(January2013);
        var modelId = $"firstmid-{Guid.NewGuid():N}"[..21];
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, WeatherScenarioData.Records("scenario-weather-reference.jsonl", "training"));
        var (from, to) = (January2013, January2014);

        using var hold = ClusterFixture.RowStore.HoldNextRead(modelId);
        var baseline = await FreezeAsync(modelId, new BaselineSpec { Version = "v1", Environment = "training", Bins = 10 });
        await hold.Reached.WaitAsync(LongestHold);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, WeatherScenarioData.Records("scenario-weather-production.jsonl", "production"));
        var whileCounted = await PerBinAnswers.AskAsync(fixture.Grains, modelId, from, to, RootCauseMetrics.Accuracy, null, []);

        var side = fixture.Grains.GetGrain<IBaselineSideGrain>(BaselineSideKey.For(modelId, baseline.Name, baseline.Revision));
        await side.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var restarted = await side.GetAsync(baseline, RootCauseMetrics.Accuracy, "a revision no count is kept at");
        await PerBinAnswers.WaitForBaselineSideAsync(fixture.Grains, modelId, baseline.Name, RootCauseMetrics.Accuracy);
        var counted = await PerBinAnswers.AskAsync(fixture.Grains, modelId, from, to, RootCauseMetrics.Accuracy, null, []);
        var rows = await PerBinAnswers.AskAsync(fixture.Grains, modelId, from, to, RootCauseMetrics.Accuracy, RootCauseSources.Rows, []);

        Assert.Equal(RootCauseSources.Bins, whileCounted.Source);
        Assert.Equal(RootCauseSources.Rows, whileCounted.Baseline.Source);
        Assert.StartsWith("the baseline's bins are being counted from its kept rows; its count was still under way after 2 s", whileCounted.Baseline.SourceNote, StringComparison.Ordinal);
        PerBinAnswers.AssertSameFigures(rows, whileCounted, actualDrift: true);
        Assert.StartsWith("the baseline's bins were not counted yet", restarted.Reason, StringComparison.Ordinal);
        Assert.Equal(RootCauseSources.Kept, counted.Baseline.Source);
        Assert.Null(counted.Baseline.SourceNote);
        PerBinAnswers.AssertSameFigures(rows, counted, actualDrift: true);
    }

    // A model whose baseline is its production series over 2013, counted in the background before anything else is sent.
    private async Task<(string ModelId, IReadOnlyList<RecordInput> Production)> FreezeLastYearAsync(string prefix)
    {
        ClusterFixture.Clock.Set(January2013);
        var modelId = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
        var production = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production");
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, [.. production.Where(record => record.Timestamp < January2014)]);
        await FreezeAsync(modelId, new BaselineSpec { Version = "v1", Environment = "production", From = January2013, To = January2014, Bins = 10 });
        await PerBinAnswers.WaitForBaselineSideAsync(fixture.Grains, modelId, "training", RootCauseMetrics.Accuracy);
        return (modelId, production);
    }

    private async Task<Baseline> FreezeAsync(string modelId, BaselineSpec spec)
    {
        var result = await fixture.Grains.GetGrain<IModelGrain>(modelId).FreezeBaselineAsync("training", spec);
        Assert.Null(result.Error);
        return result.Baseline!;
    }

    // Corrections that flip each record's label.
    private async Task SendFlippedAsync(string modelId, IReadOnlyList<RecordInput> records)
    {
        var batch = records
            .Select((record, i) => new ActualRecord(i, record.PredictionId, new ActualInput(FeatureValue.Of(record.Actual!.Label.AsCategory() == "1" ? "0" : "1"), FeatureValue.Missing)))
            .ToImmutableArray();
        var result = await fixture.Grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, Guid.NewGuid().ToString("N"), batch);
        Assert.NotNull(result);
        Assert.Equal(records.Count, result.Accepted);
    }
}
