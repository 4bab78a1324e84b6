using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Tests.Hosting;
using OrleansEval.Server.Tests.Storage;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Auth;

/// <summary>Keys created and revoked through the API are kept in storage: a fresh silo on the same storage knows both.</summary>
[Collection(AzuriteTestGroup.Name)]
public sealed class ApiKeyRestartTests(AzuriteFixture azurite)
{
    private static readonly string AdminKey = $"restart-admin-{Guid.NewGuid():N}";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Auth:Keys:operator:Secret"] = AdminKey,
        ["Auth:Keys:operator:Scopes"] = "admin",
    };

    [Fact]
    public async Task CreatedAndRevokedKeys_AfterTheSiloIsReplacedByAFreshOne_AreStillValidAndStillRevoked()
    {
        string kept, revoked;
        await using (var first = new ServerFactory(azurite.ConnectionString, settings: Settings))
        {
            using var admin = Client(first, AdminKey);
            kept = await CreateAsync(admin, "kept");
            revoked = await CreateAsync(admin, "revoked");
            using var deleted = await admin.DeleteAsync($"/v1/keys/{revoked.Split('.')[1]}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await using var second = new ServerFactory(azurite.ConnectionString, settings: Settings);
        using var keptClient = Client(second, kept);
        using var revokedClient = Client(second, revoked);

        using var allowed = await keptClient.GetAsync("/v1/models");
        using var refused = await revokedClient.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await AssertProblemAsync(refused, HttpStatusCode.Unauthorized, "Authorization");
    }

    private static HttpClient Client(ServerFactory server, string key)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<string> CreateAsync(HttpClient admin, string name)
    {
        using var created = await admin.PostAsync("/v1/keys", Json($$"""{"name": "{{name}}", "scopes": ["read"]}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
    }
}
