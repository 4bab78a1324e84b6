using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Http;

[Collection(ServerTestGroup.Name)]
public sealed class ModelApiTests(ServerFixture server)
{
    private const string Model = """{"task": "binary_classification", "positiveLabel": "1", "threshold": 0.5, "bucket": "1h", "features": [{"name": "location", "type": "categorical"}, {"name": "temp_max", "type": "numeric"}], "tags": [{"name": "region", "type": "categorical"}]}""";

    [Fact]
    public async Task Put_NewModel_Is201AndGetDescribesIt()
    {
        var id = NewModelId("m");

        using var created = await server.Client.PutAsync($"/v1/models/{id}", Json(Model));
        var description = await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}");
        var list = await server.Client.GetFromJsonAsync<JsonObject>("/v1/models");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("binary_classification", description!["task"]!.GetValue<string>());
        Assert.Equal("1h", description["bucket"]!.GetValue<string>());
        Assert.Equal(["location", "temp_max"], description["features"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
        Assert.Contains(id, list!["models"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task Put_AddingAFeature_IsAllowed_UnknownFieldIs400_ChangingATypeIs409()
    {
        var id = NewModelId("m");
        (await server.Client.PutAsync($"/v1/models/{id}", Json(Model))).Dispose();

        using var grown = await server.Client.PutAsync($"/v1/models/{id}", Json(Model.Replace("\"tags\"", "\"extra\": 1, \"tags\"", StringComparison.Ordinal)));
        using var added = await server.Client.PutAsync($"/v1/models/{id}", Json(Model.Replace("{\"name\": \"temp_max\", \"type\": \"numeric\"}", "{\"name\": \"temp_max\", \"type\": \"numeric\"}, {\"name\": \"wind\", \"type\": \"numeric\"}", StringComparison.Ordinal)));
        using var changed = await server.Client.PutAsync($"/v1/models/{id}", Json(Model.Replace("\"temp_max\", \"type\": \"numeric\"", "\"temp_max\", \"type\": \"categorical\"", StringComparison.Ordinal)));

        await AssertProblemAsync(grown, HttpStatusCode.BadRequest, "extra");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        await AssertProblemAsync(changed, HttpStatusCode.Conflict, "features.temp_max.type");
    }

    [Theory]
    [InlineData("""{"task": "clustering", "features": []}""", "task")]
    [InlineData("""{"task": "regression", "bucket": "soon", "features": []}""", "bucket")]
    [InlineData("""{"task": "regression", "features": [{"name": "a/b", "type": "numeric"}]}""", "features[0].name")]
    [InlineData("""{"task": "regression", "features": [{"name": "a", "type": "text"}]}""", "features[0].type")]
    [InlineData("""{"task": "regression", "features": [{"name": "a", "type": "numeric"}, {"name": "a", "type": "numeric"}]}""", "features.a")]
    [InlineData("""{"task": "binary_classification", "threshold": 2, "features": []}""", "threshold")]
    [InlineData("""{"task": "regression", "features": [}""", "features[0]")]
    [InlineData("""{"task": "regression", "features": 7}""", "features")]
    [InlineData("""not json""", "body")]
    public async Task Put_InvalidDefinition_Is400NamingTheField(string body, string field)
    {
        using var response = await server.Client.PutAsync($"/v1/models/{NewModelId("m")}", Json(body));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("%40reserved")]
    [InlineData("a..b..c..d..e..f..g..h..i..j..k..l..m..n..o..p..q..r..s..t..u..v..w..x..y..z..")]
    public async Task Put_ModelIdThatCouldBreakAStorageKey_Is400BeforeStorage(string modelId)
    {
        using var response = await server.Client.PutAsync($"/v1/models/{modelId}", Json(Model));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "modelId");
    }

    [Fact]
    public async Task Get_UnknownModel_Is404()
    {
        using var response = await server.Client.GetAsync($"/v1/models/{NewModelId("nobody")}");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "modelId");
    }

    [Fact]
    public async Task Healthz_WhenTheClusterAnswers_Is200()
    {
        using var response = await server.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
