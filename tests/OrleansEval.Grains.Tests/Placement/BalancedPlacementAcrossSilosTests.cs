using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;

namespace OrleansEval.Grains.Tests.Placement;

/// <summary>
/// The store's grain mix — models, ingest logs, column, slice, join and row grains of several models — created through
/// the cluster's client lands evenly on the active silos: the bar is a spread, (max − min) / mean, within 25 %.
/// </summary>
[Collection(ThreeSiloGroup.Name)]
public sealed class BalancedPlacementAcrossSilosTests(ThreeSiloFixture fixture)
{
    [Fact]
    public async Task Ingest_OfEightModels_SpreadsTheirActivationsOverTheSilosWithinAQuarter()
    {
        var grains = fixture.Cluster.Client;
        var prefix = $"spread-{Guid.NewGuid():N}"[..18];
        var training = WeatherScenarioData.Records("scenario-weather-reference.jsonl", "training").Take(300).ToList();
        var production = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production").Take(300).ToList();
        for (var model = 0; model < 8; model++)
        {
            var modelId = $"{prefix}-{model}";
            Assert.Null((await grains.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
            await WeatherScenarioData.IngestAsync(grains, modelId, training, batchSize: 300);
            await WeatherScenarioData.IngestAsync(grains, modelId, production, batchSize: 300);
        }

        var management = grains.GetGrain<IManagementGrain>(0);
        var active = (await management.GetHosts(onlyActive: true)).Keys.ToList();
        var statistics = await management.GetDetailedGrainStatistics(hostsIds: [.. active]);
        var perSilo = active.Select(silo => statistics.Count(g => g.SiloAddress.Equals(silo) && g.GrainId.Key.ToString()!.StartsWith(prefix, StringComparison.Ordinal))).ToList();

        var described = string.Join(", ", perSilo);
        Assert.True(active.Count >= 2, $"{active.Count} active silo(s)");
        Assert.True(perSilo.Sum() >= 30 * active.Count, $"only {perSilo.Sum()} activations of the test's models: {described}");
        Assert.True(perSilo.Max() - perSilo.Min() <= 0.25 * perSilo.Average(), $"activations per silo {described}: spread over 25 %");
    }
}
