using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Storage;

/// <summary>Worst slices and a worst-slice monitor's last set, written through one silo on Azurite, are the same for a fresh silo.</summary>
[Collection(AzuriteTestGroup.Name)]
public sealed class WorstSliceRestartTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string> KeepRows = new() { ["OrleansEval:RowRetention"] = "3650.00:00:00" };

    private static readonly DateTimeOffset EvaluatedAt = new(2014, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WorstSlicesAndTheMonitorsSet_AfterTheSiloIsReplacedByAFreshOne_AreTheSame()
    {
        var modelId = $"worst-{Guid.NewGuid():N}"[..20];
        var query = $"/v1/models/{modelId}/worst-slices?version=v1&environment=production&from=2013-01-01T00:00:00Z&to=2014-01-01T00:00:00Z&alpha=1&minSize=40&limit=20";
        const string Monitor = """{"kind": "worstSlices", "window": "366d", "topK": 5, "maxQValue": 0.5, "version": "v1", "environment": "production", "minCount": 10}""";
        string before;
        List<JsonNode?> firstAlerts;
        await using (var first = new ServerFactory(azurite.ConnectionString, settings: KeepRows))
        {
            using var client = first.CreateClient();
            await new WeatherScenario(client, Path.Combine(AppContext.BaseDirectory, "Scenario")).ReplayAsync(modelId);
            before = await client.GetStringAsync(query);
            using var monitor = await client.PutAsync($"/v1/models/{modelId}/monitors/weak-spots", new StringContent(Monitor, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, monitor.StatusCode);
            first.Clock.Set(EvaluatedAt);
            firstAlerts = await EvaluateAsync(client, modelId);
        }

        await using var second = new ServerFactory(azurite.ConnectionString, settings: KeepRows);
        using var fresh = second.CreateClient();
        second.Clock.Set(EvaluatedAt);
        var after = await fresh.GetStringAsync(query);
        var secondAlerts = await EvaluateAsync(fresh, modelId);

        Assert.Contains("\"conditions\":", before, StringComparison.Ordinal);
        Assert.Equal(before, after);
        Assert.NotEmpty(firstAlerts);
        Assert.Empty(secondAlerts);
    }

    private static async Task<List<JsonNode?>> EvaluateAsync(HttpClient client, string modelId)
    {
        using var response = await client.PostAsync($"/v1/models/{modelId}/monitors:evaluate", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonObject>())!["alerts"]!.AsArray()];
    }
}
