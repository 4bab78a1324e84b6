using System.Net;
using System.Text.Json.Nodes;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Http;

[Collection(ServerTestGroup.Name)]
public sealed class HealthTests(ServerFixture server)
{
    [Fact]
    public async Task Healthz_WhenTheClusterAndStorageAnswer_Is200WithEachDependencyOk()
    {
        using var response = await server.Client.GetAsync("/healthz");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body["status"]!.GetValue<string>());
        Assert.Equal("ok", body["dependencies"]!["cluster"]!["status"]!.GetValue<string>());
        Assert.Equal("ok", body["dependencies"]!["storage"]!["status"]!.GetValue<string>());
    }
}
