using System.Net;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Storage;

/// <summary>State written through one silo on Azurite is read back, identically, by a fresh silo on the same storage.</summary>
[Collection(AzuriteTestGroup.Name)]
public sealed class RestartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Drift_AfterTheSiloIsReplacedByAFreshOne_IsIdentical()
    {
        var modelId = $"restart-{Guid.NewGuid():N}"[..20];
        var query = $"/v1/models/{modelId}/drift?baseline=training&version=v1&environment=production&from=2014-06-01T00:00:00Z&to=2014-09-01T00:00:00Z";
        string before;
        await using (var first = new ServerFactory(azurite.ConnectionString))
        {
            using var client = first.CreateClient();
            await new WeatherScenario(client, Path.Combine(AppContext.BaseDirectory, "Scenario")).ReplayAsync(modelId);
            before = await client.GetStringAsync(query);
        }

        await using var second = new ServerFactory(azurite.ConnectionString);
        using var fresh = second.CreateClient();
        using var model = await fresh.GetAsync($"/v1/models/{modelId}");
        var after = await fresh.GetStringAsync(query);

        Assert.Equal(HttpStatusCode.OK, model.StatusCode);
        Assert.Contains("\"psi\":", before, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }
}
