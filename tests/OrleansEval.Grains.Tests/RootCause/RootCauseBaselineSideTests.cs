using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.Baselines;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Grains.Tests.Performance;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.RootCause;

namespace OrleansEval.Grains.Tests.RootCause;

/// <summary>
/// The baseline's side of a per-bin root cause is counted once, in the background, from the rows its series held when
/// it was frozen, and again whenever a record, a late actual or a correction reaches that series: a per-bin answer reads
/// no row, and still equals the rows answer.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RootCauseBaselineSideTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset January2013 = new(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RootCause_FromBins_TheFirstQuestionAfterFreeze_ReadsNoRow()
    {
        ClusterFixture.Clock.Set(January2013);
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "sidereads", withheldActuals: false);
        await PerBinAnswers.WaitForBaselineSideAsync(fixture.Grains, modelId, "quartiles", RootCauseMetrics.Accuracy);
        await PerBinAnswers.WaitForBaselineSideAsync(fixture.Grains, modelId, "training", RootCauseMetrics.Accuracy);

        var before = ClusterFixture.RowStore.Reads(modelId);
        var accuracy = await PerBinAnswers.AskAsync(fixture.Grains, modelId, January2013, January2013.AddYears(1), RootCauseMetrics.Accuracy, null, []);
        var logLoss = await PerBinAnswers.AskAsync(fixture.Grains, modelId, January2013, January2013.AddYears(1), RootCauseMetrics.LogLoss, null, []);
        var readByBins = ClusterFixture.RowStore.Reads(modelId) - before;
        await PerBinAnswers.AskAsync(fixture.Grains, modelId, January2013, January2013.AddYears(1), RootCauseMetrics.Accuracy, RootCauseSources.Rows, []);
        var readByRows = ClusterFixture.RowStore.Reads(modelId) - before - readByBins;

        Assert.Equal(RootCauseSources.Bins, accuracy.Source);
        Assert.Equal(RootCauseSources.Bins, logLoss.Source);
        Assert.Equal(0, readByBins);
        Assert.True(readByRows >= 2, $"a rows answer reads both sides' rows, the counter saw {readByRows} reads");
    }

    [Fact]
    public async Task RootCause_AfterRecordsLateActualsAndCorrectionsReachTheBaselineSeries_FromBins_EqualsTheRowsAnswer()
    {
        ClusterFixture.Clock.Set(January2013);
        var modelId = $"sidelate-{Guid.NewGuid():N}"[..21];
        var training = WeatherScenarioData.Records("scenario-weather-reference.jsonl", "training");
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, [.. training.Select((record, i) => i % 10 == 0 ? record with { Actual = null } : record)]);
        await FreezeTrainingAsync(modelId);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, WeatherScenarioData.Records("scenario-weather-production.jsonl", "production"));
        var (from, to) = (January2013, January2013.AddYears(1));
        var frozen = await PerBinAnswers.AssertBinsEqualRowsAsync(fixture.Grains, modelId, from, to, RootCauseMetrics.Accuracy);

        var late = training.Where((_, i) => i % 10 == 0).Select(record => (record.PredictionId, record.Actual!)).ToList();
        var flipped = training.Where((_, i) => i % 10 == 3).Select(record => (record.PredictionId, new ActualInput(FeatureValue.Of(Flip(record.Actual!.Label)), FeatureValue.Missing))).ToList();
        await SendActualsAsync(modelId, late);
        await SendActualsAsync(modelId, flipped);
        var relabelled = await PerBinAnswers.AssertBinsEqualRowsAsync(fixture.Grains, modelId, from, to, RootCauseMetrics.Accuracy);
        await PerBinAnswers.AssertBinsEqualRowsAsync(fixture.Grains, modelId, from, to, RootCauseMetrics.Brier);

        var added = training.Take(40).Select(record => record with { PredictionId = "again-" + record.PredictionId }).ToList();
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, added);
        var grown = await PerBinAnswers.AssertBinsEqualRowsAsync(fixture.Grains, modelId, from, to, RootCauseMetrics.Accuracy);

        Assert.Equal(frozen.Baseline.Labelled + late.Count, relabelled.Baseline.Labelled);
        Assert.NotEqual(frozen.Baseline.Value, relabelled.Baseline.Value);
        Assert.Equal(relabelled.Baseline.Rows + added.Count, grown.Baseline.Rows);
    }

    [Theory]
    [InlineData(RootCauseMetrics.Mae)]
    [InlineData(RootCauseMetrics.SquaredError)]
    public async Task RootCause_OfARegressor_FromBins_EqualsTheRowsAnswer(string metric)
    {
        ClusterFixture.Clock.Set(January2013);
        var modelId = $"sidereg-{Guid.NewGuid():N}"[..20];
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model with { Task = ModelTask.Regression })).Error);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, [.. WeatherScenarioData.Records("scenario-weather-reference.jsonl", "training").Select(Regressed)]);
        await FreezeTrainingAsync(modelId);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, [.. WeatherScenarioData.Records("scenario-weather-production.jsonl", "production").Select(Regressed)]);

        var year = await PerBinAnswers.AssertBinsEqualRowsAsync(fixture.Grains, modelId, January2013, January2013.AddYears(1), metric, actualDrift: false);
        await PerBinAnswers.AssertBinsEqualRowsAsync(fixture.Grains, modelId, January2013.AddMonths(6), January2013.AddMonths(7), metric, actualDrift: false);

        Assert.Equal(year.Current.Rows, year.Current.Labelled);
        Assert.True(year.Current.Value > 0);
    }

    private async Task FreezeTrainingAsync(string modelId) =>
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).FreezeBaselineAsync("training", new BaselineSpec { Version = "v1", Environment = "training", Bins = 10 })).Error);

    private async Task SendActualsAsync(string modelId, IReadOnlyList<(string PredictionId, ActualInput Actual)> actuals)
    {
        foreach (var chunk in actuals.Chunk(200))
        {
            var batch = chunk.Select((actual, i) => new ActualRecord(i, actual.PredictionId, actual.Actual)).ToImmutableArray();
            var result = await fixture.Grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, Guid.NewGuid().ToString("N"), batch);
            Assert.NotNull(result);
            Assert.Equal(chunk.Length, result.Accepted);
        }
    }

    // The weather record as a regressor's: the day's maximum temperature predicted from the score, against the actual.
    private static RecordInput Regressed(RecordInput record)
    {
        var temperature = record.Features.TryGetValue("temp_max", out var value) && value.Kind == FeatureValueKind.Number ? value.Number : 10;
        var actual = record.Actual!.Label.AsCategory() == "1" ? 1.0 : 0.0;
        return record with
        {
            Prediction = new PredictionInput(FeatureValue.Missing, FeatureValue.Missing, FeatureValue.Of(temperature + (4 * record.Prediction!.Score.Number))),
            Actual = new ActualInput(FeatureValue.Missing, FeatureValue.Of(temperature + (4 * actual) + (0.5 * Math.Sin(record.Index)))),
        };
    }

    private static string Flip(FeatureValue label) => label.AsCategory() == "1" ? "0" : "1";
}
