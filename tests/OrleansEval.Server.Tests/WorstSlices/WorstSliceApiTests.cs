using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.WorstSlices;

/// <summary>GET /v1/models/{id}/worst-slices refuses every bad parameter with a problem naming the field, before reading a row.</summary>
[Collection(ServerTestGroup.Name)]
public sealed class WorstSliceApiTests(ServerFixture server)
{
    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "Scenario");

    private const string Window = "from=2013-01-01T00:00:00Z&to=2014-01-01T00:00:00Z";

    [Theory]
    [InlineData("maxConditions=4", "maxConditions")]
    [InlineData("maxConditions=0", "maxConditions")]
    [InlineData("maxConditions=two", "maxConditions")]
    [InlineData("minSize=0", "minSize")]
    [InlineData("minSize=1.5", "minSize")]
    [InlineData("alpha=0", "alpha")]
    [InlineData("alpha=1.01", "alpha")]
    [InlineData("alpha=NaN", "alpha")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("metric=accuracy", "metric")]
    [InlineData("metric=squaredError", "metric")]
    [InlineData("baseline=nothing-here", "baseline")]
    [InlineData("baseline=..", "baseline")]
    [InlineData("version=a%20b", "version")]
    [InlineData("from=2013-01-01", "from")]
    [InlineData("from=2014-01-01T00:00:00Z&to=2013-01-01T00:00:00Z", "from")]
    [InlineData("from=2012-01-01T00:00:00Z&to=2013-01-02T00:00:00Z", "from")]
    public async Task WorstSlices_WithABadParameter_Is400NamingTheField(string parameters, string field)
    {
        var id = await RegisteredModelAsync();
        var query = parameters.StartsWith("from=", StringComparison.Ordinal) ? parameters : $"{Window}&{parameters}";

        using var response = await server.Client.GetAsync($"/v1/models/{id}/worst-slices?{query}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task WorstSlices_OfAnUnknownModel_Is404()
    {
        using var response = await server.Client.GetAsync($"/v1/models/{NewModelId("ghost")}/worst-slices?{Window}");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "modelId");
    }

    [Fact]
    public async Task WorstSlices_OverAWindowOf366Days_IsAnswered()
    {
        var id = await RegisteredModelAsync();

        using var response = await server.Client.GetAsync($"/v1/models/{id}/worst-slices?from=2012-01-01T00:00:00Z&to=2013-01-01T00:00:00Z&limit=100&alpha=1&maxConditions=3&minSize=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("\"topK\": 0", "topK")]
    [InlineData("\"topK\": 101", "topK")]
    [InlineData("\"maxQValue\": 0", "maxQValue")]
    [InlineData("\"maxQValue\": 1.5", "maxQValue")]
    [InlineData("\"threshold\": 0.2", "threshold")]
    [InlineData("\"measure\": \"squaredError\"", "measure")]
    [InlineData("\"measure\": \"accuracy\"", "measure")]
    [InlineData("\"window\": \"400d\"", "window")]
    [InlineData("\"window\": \"1m\"", "window")]
    [InlineData("\"baseline\": \"nothing-here\"", "baseline")]
    public async Task WorstSliceMonitor_WithABadField_Is400NamingIt(string field, string name)
    {
        var id = await RegisteredModelAsync();

        using var response = await server.Client.PutAsync($"/v1/models/{id}/monitors/weak", Json($$"""{"kind": "worstSlices", {{field}}}"""));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, name);
    }

    [Fact]
    public async Task WorstSliceMonitor_Defined_IsDescribedWithItsTopKAndBound()
    {
        var id = await RegisteredModelAsync();

        using var response = await server.Client.PutAsync($"/v1/models/{id}/monitors/weak", Json("""{"kind": "worstSlices", "window": "7d", "topK": 3, "maxQValue": 0.01}"""));
        var monitor = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("worstSlices", monitor["kind"]!.GetValue<string>());
        Assert.Equal("error", monitor["measure"]!.GetValue<string>());
        Assert.Equal(3, monitor["topK"]!.GetValue<int>());
        Assert.Equal(0.01, monitor["maxQValue"]!.GetValue<double>());
    }

    private async Task<string> RegisteredModelAsync()
    {
        var id = NewModelId("worst");
        await new WeatherScenario(server.Client, Scenario).RegisterAsync(id);
        return id;
    }
}
