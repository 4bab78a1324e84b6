using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Ingest;
using OrleansEval.Performance;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// A champion and its shadow score the same prediction ids: a late actual (or a correction) is counted once in each
/// version's own series, whichever order the versions and the actual come in, and a record sent again by one version
/// never takes back the other's outcome.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LabelJoinVersionTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Arrival = new(2031, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task LateActuals_ReachThePredictionOfEveryVersionThatScoredTheId()
    {
        ClusterFixture.Clock.Set(Arrival);
        var modelId = await DefineAsync("join-versions");
        var unlabelled = Production(withActuals: false);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, unlabelled);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, AsVersion(unlabelled, "v2"));

        var result = await IngestActualsAsync(modelId, "late-1", Production(withActuals: true).Select(r => r.Actual!.Label.Text!));

        Assert.Empty(result.Unmatched);
        var expected = Production(withActuals: true);
        await AssertCountedAsync(modelId, "v1", expected);
        await AssertCountedAsync(modelId, "v2", expected);
    }

    [Fact]
    public async Task AnActualThatCameFirst_ReachesEveryVersionThatRegistersLater_AndACorrectionReachesThemAll()
    {
        ClusterFixture.Clock.Set(Arrival);
        var modelId = await DefineAsync("join-held-versions");
        var labelled = Production(withActuals: true);
        await IngestActualsAsync(modelId, "early", labelled.Select(r => r.Actual!.Label.Text!));

        var unlabelled = Production(withActuals: false);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, unlabelled);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, AsVersion(unlabelled, "v2"));
        await AssertCountedAsync(modelId, "v1", labelled);
        await AssertCountedAsync(modelId, "v2", labelled);

        // Every actual flipped: both versions count the correction, and take the first actual back.
        var flipped = labelled.Select(r => r.Actual!.Label.Text == "1" ? "0" : "1").ToList();
        await IngestActualsAsync(modelId, "correction", flipped);
        var corrected = labelled.Select((r, i) => r with { Actual = new ActualInput(FeatureValue.Of(flipped[i]), FeatureValue.Missing) }).ToList();
        await AssertCountedAsync(modelId, "v1", corrected);
        await AssertCountedAsync(modelId, "v2", corrected);
    }

    [Fact]
    public async Task ARecordSentAgainByOneVersion_LeavesTheOtherVersionsOutcomeAlone()
    {
        ClusterFixture.Clock.Set(Arrival);
        var modelId = await DefineAsync("join-again-versions");
        var labelled = Production(withActuals: true);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, labelled);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, AsVersion(Production(withActuals: false), "v2"));

        // v2's records again, now with actuals that disagree with the truth v1 was counted with.
        var wrong = labelled.Select(r => r with { Actual = new ActualInput(FeatureValue.Of(r.Actual!.Label.Text == "1" ? "0" : "1"), FeatureValue.Missing) }).ToList();
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, AsVersion(wrong, "v2"));

        // v2's predictions were sent twice and are counted twice (a record sent again under a new key is a new
        // prediction); its outcomes are counted once, with the actuals it sent last.
        await AssertCountedAsync(modelId, "v1", labelled);
        await AssertCountedAsync(modelId, "v2", wrong, predictions: 600);
    }

    private static List<RecordInput> Production(bool withActuals) =>
        [.. WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals).Take(300)];

    private static List<RecordInput> AsVersion(IEnumerable<RecordInput> records, string version) => [.. records.Select(r => r with { Version = version })];

    private async Task<ActualsResult> IngestActualsAsync(string modelId, string key, IEnumerable<string> labels)
    {
        var ids = Production(withActuals: false).Select(r => r.PredictionId).ToList();
        var actuals = labels.Select((label, i) => new ActualRecord(i, ids[i], new ActualInput(FeatureValue.Of(label), FeatureValue.Missing))).ToImmutableArray();
        var result = await fixture.Grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, key, actuals);
        Assert.NotNull(result);
        Assert.Equal(actuals.Length, result.Accepted);
        return result;
    }

    private async Task AssertCountedAsync(string modelId, string version, List<RecordInput> truth, int predictions = 300)
    {
        var answer = await fixture.Grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(
            modelId, new PerformanceQuery(version, "production", new DateTimeOffset(2012, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero), "all", null, false));
        Assert.True(answer.Report is not null, answer.Error);
        var total = answer.Report.Total;
        Assert.Equal(predictions, total.Predictions);
        Assert.Equal(truth.Count, total.Labelled);
        var correct = truth.Count(r => r.Prediction!.Label.Text == r.Actual!.Label.Text);
        Assert.Equal((double)correct / truth.Count, total.Realised["accuracy"]?.Value ?? double.NaN, 12);
    }

    private async Task<string> DefineAsync(string prefix)
    {
        var modelId = $"{prefix}-{Guid.NewGuid():N}"[..24];
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
        return modelId;
    }
}
