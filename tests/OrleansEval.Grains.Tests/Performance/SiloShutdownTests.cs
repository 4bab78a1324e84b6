using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Performance;

namespace OrleansEval.Grains.Tests.Performance;

[Collection(ThreeSiloGroup.Name)]
public sealed class SiloShutdownTests(ThreeSiloFixture fixture)
{
    [Fact]
    public async Task IngestAndJoin_WhileASiloStopsGracefully_LoseAndDoubleCountNoLabelledRow()
    {
        using var truth = WeatherScenarioData.Truth();
        var grains = fixture.Cluster.Client;
        var modelId = $"shutdown-{Guid.NewGuid():N}"[..22];
        Assert.Null((await grains.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
        await WeatherScenarioData.IngestAsync(grains, modelId, WeatherScenarioData.Records("scenario-weather-reference.jsonl", "training"));
        Assert.Null((await grains.GetGrain<IModelGrain>(modelId).FreezeBaselineAsync("training", new OrleansEval.Baselines.BaselineSpec { Version = "v1", Environment = "training" })).Error);

        var production = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals: false);
        var actuals = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production")
            .Select((r, i) => new ActualRecord(i, r.PredictionId, r.Actual!))
            .ToList();
        var half = production.Count / 2;

        await WeatherScenarioData.IngestAsync(grains, modelId, production.Take(half).ToList());
        await SendActualsAsync(grains, modelId, actuals.Take(half / 2));

        var victim = fixture.Cluster.SecondarySilos[0];
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosted = await management.GetDetailedGrainStatistics(hostsIds: [victim.SiloAddress]);
        Assert.Contains(hosted, g => g.GrainId.ToString().Contains(modelId, StringComparison.Ordinal));
        await fixture.Cluster.StopSiloAsync(victim);

        await SendActualsAsync(grains, modelId, actuals.Skip(half / 2).Take(half - (half / 2)));
        await WeatherScenarioData.IngestAsync(grains, modelId, production.Skip(half).ToList());
        await SendActualsAsync(grains, modelId, actuals.Skip(half));
        await SendActualsAsync(grains, modelId, actuals.Take(100));

        var answer = await grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(
            modelId, new PerformanceQuery("v1", "production", new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero), "all", null, false));
        var overall = truth.RootElement.GetProperty("slices_production").GetProperty("overall");

        Assert.Equal(2190, answer.Report!.Total.Predictions);
        Assert.Equal(2190, answer.Report.Total.Labelled);
        Assert.Equal(overall.GetProperty("accuracy").GetDouble(), answer.Report.Total.Realised["accuracy"]!.Value!.Value, 12);
        Assert.Equal(overall.GetProperty("roc_auc").GetDouble(), answer.Report.Total.Realised["rocAuc"]!.Value!.Value, 9);
    }

    private static async Task SendActualsAsync(IGrainFactory grains, string modelId, IEnumerable<ActualRecord> actuals)
    {
        foreach (var chunk in actuals.Chunk(150))
        {
            var result = await grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, Guid.NewGuid().ToString("N"), [.. chunk]);
            Assert.NotNull(result);
            Assert.Empty(result.Rejected);
            Assert.Empty(result.Unmatched);
        }
    }
}
