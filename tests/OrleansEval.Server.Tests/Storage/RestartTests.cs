using System.Net;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Storage;

/// <summary>State written through one silo on Azurite — sketches, monitors, alerts — is read back, identically, by a fresh silo on the same storage.</summary>
[Collection(AzuriteTestGroup.Name)]
public sealed class RestartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task DriftAlertsAndMonitors_AfterTheSiloIsReplacedByAFreshOne_AreIdentical()
    {
        var modelId = $"restart-{Guid.NewGuid():N}"[..20];
        var query = $"/v1/models/{modelId}/drift?baseline=training&version=v1&environment=production&from=2014-06-01T00:00:00Z&to=2014-09-01T00:00:00Z";
        string before, alertsBefore;
        await using (var first = new ServerFactory(azurite.ConnectionString))
        {
            using var client = first.CreateClient();
            await new WeatherScenario(client, Path.Combine(AppContext.BaseDirectory, "Scenario")).ReplayAsync(modelId);
            before = await client.GetStringAsync(query);

            using var monitor = await client.PutAsync($"/v1/models/{modelId}/monitors/temp-max", new StringContent(
                """{"kind": "drift", "target": "temp_max", "measure": "psi", "threshold": 0.2, "baseline": "training", "version": "v1", "window": "30d", "minCount": 10}""",
                System.Text.Encoding.UTF8,
                "application/json"));
            Assert.Equal(HttpStatusCode.OK, monitor.StatusCode);
            first.Clock.Set(new DateTimeOffset(2014, 7, 1, 0, 0, 0, TimeSpan.Zero));
            using var evaluated = await client.PostAsync($"/v1/models/{modelId}/monitors:evaluate", null);
            Assert.Equal(HttpStatusCode.OK, evaluated.StatusCode);
            alertsBefore = await client.GetStringAsync($"/v1/alerts?model={modelId}");
        }

        await using var second = new ServerFactory(azurite.ConnectionString);
        using var fresh = second.CreateClient();
        using var model = await fresh.GetAsync($"/v1/models/{modelId}");
        var after = await fresh.GetStringAsync(query);
        var alertsAfter = await fresh.GetStringAsync($"/v1/alerts?model={modelId}");
        var monitors = await fresh.GetStringAsync($"/v1/models/{modelId}/monitors");

        Assert.Equal(HttpStatusCode.OK, model.StatusCode);
        Assert.Contains("\"psi\":", before, StringComparison.Ordinal);
        Assert.Equal(before, after);
        Assert.Contains("\"state\":\"firing\"", alertsBefore, StringComparison.Ordinal);
        Assert.Equal(alertsBefore, alertsAfter);
        Assert.Contains("temp-max", monitors, StringComparison.Ordinal);
    }
}
