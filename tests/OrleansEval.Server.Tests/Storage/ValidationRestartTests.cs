using System.Net;
using OrleansEval.Server.Tests.Hosting;
using OrleansEval.Server.Tests.Validation;
using static OrleansEval.Server.Tests.Validation.ValidationScenario;

namespace OrleansEval.Server.Tests.Storage;

/// <summary>A validation report and a model's list of validations, stored through one silo on Azurite, are read back by a fresh silo.</summary>
[Collection(AzuriteTestGroup.Name)]
public sealed class ValidationRestartTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string> KeepRows = new() { ["OrleansEval:RowRetention"] = "3650.00:00:00" };

    [Fact]
    public async Task ValidationReport_AfterTheSiloIsReplacedByAFreshOne_IsTheSame()
    {
        var modelId = $"valid-{Guid.NewGuid():N}"[..20];
        string id, before, listBefore;
        await using (var first = new ServerFactory(azurite.ConnectionString, settings: KeepRows))
        {
            using var client = first.CreateClient();
            var scenario = new ValidationScenario(client, modelId);
            await scenario.StartAsync();
            await scenario.SendAsync("v1", "validation", Region, X, ReferenceRight);
            await scenario.SendAsync("v2", "validation", Region, X, i => i / 5 % 10 < 9);
            id = (await scenario.ValidateAsync())["id"]!.GetValue<string>();
            before = await client.GetStringAsync($"/v1/models/{modelId}/validations/{id}");
            listBefore = await client.GetStringAsync($"/v1/models/{modelId}/validations");
        }

        await using var second = new ServerFactory(azurite.ConnectionString, settings: KeepRows);
        using var fresh = second.CreateClient();
        using var after = await fresh.GetAsync($"/v1/models/{modelId}/validations/{id}");
        var listAfter = await fresh.GetStringAsync($"/v1/models/{modelId}/validations");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(before, await after.Content.ReadAsStringAsync());
        Assert.Contains("\"verdict\":\"pass\"", before, StringComparison.Ordinal);
        Assert.Equal(listBefore, listAfter);
        Assert.Contains(id, listAfter, StringComparison.Ordinal);
    }
}
