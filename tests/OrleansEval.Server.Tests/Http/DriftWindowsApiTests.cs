using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Http;

/// <summary>
/// GET /v1/models/{id}/drift/windows on the replayed weather scenario: one answer whose every window is, to the byte,
/// the drift answer GET …/drift gives for that window alone; bad steps and baselines refused naming the field.
/// </summary>
[Collection(ServerTestGroup.Name)]
public sealed class DriftWindowsApiTests(ServerFixture server)
{
    private const string Series = "baseline=training&version=v1&environment=production";

    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "Scenario");

    [Fact]
    public async Task GetDriftWindows_EveryWindowEqualsTheSingleWindowDriftAnswer_ByMonthAndByWeek_AndAStepOffTheBucketsIsRefused()
    {
        var id = NewModelId("wet");
        await new WeatherScenario(server.Client, Scenario).ReplayAsync(id);

        await AssertEveryWindowIsItsDriftAnswerAsync(id, "month", "2013-01-01T00:00:00Z", "2016-01-01T00:00:00Z", windows: 36);
        await AssertEveryWindowIsItsDriftAnswerAsync(id, "7d", "2013-06-01T00:00:00Z", "2013-08-30T00:00:00Z", windows: 13);
        using var offBuckets = await server.Client.GetAsync($"/v1/models/{id}/drift/windows?{Series}&granularity=90m");
        await AssertProblemAsync(offBuckets, HttpStatusCode.BadRequest, "granularity");
    }

    [Theory]
    [InlineData("granularity=1h&from=2013-01-01T00:00:00Z&to=2014-01-01T00:00:00Z", "granularity")]
    [InlineData("granularity=367d&from=2013-01-01T00:00:00Z&to=2015-01-01T00:00:00Z", "granularity")]
    [InlineData("granularity=sometimes", "granularity")]
    [InlineData("from=2013-01-01T00:00:00Z&to=2014-01-01T00:00:00Z", "granularity")]
    [InlineData("granularity=month&from=2014-01-01T00:00:00Z&to=2013-01-01T00:00:00Z", "from")]
    public async Task GetDriftWindows_ABadStepOrWindow_IsA400NamingTheField(string query, string field)
    {
        using var response = await server.Client.GetAsync($"/v1/models/{NewModelId("wet")}/drift/windows?{Series}&{query}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task GetDriftWindows_AnUnknownBaselineOrModel_IsAProblemNamingTheField()
    {
        var id = NewModelId("wet");
        await new WeatherScenario(server.Client, Scenario).RegisterAsync(id);

        using var unknown = await server.Client.GetAsync($"/v1/models/{id}/drift/windows?baseline=nope&granularity=month&from=2013-01-01T00:00:00Z&to=2014-01-01T00:00:00Z");
        using var missing = await server.Client.GetAsync($"/v1/models/{id}/drift/windows?granularity=month");
        using var unknownModel = await server.Client.GetAsync($"/v1/models/{NewModelId("none")}/drift/windows?{Series}&granularity=month");

        await AssertProblemAsync(unknown, HttpStatusCode.BadRequest, "baseline");
        await AssertProblemAsync(missing, HttpStatusCode.BadRequest, "baseline");
        await AssertProblemAsync(unknownModel, HttpStatusCode.NotFound, "modelId");
    }

    private async Task AssertEveryWindowIsItsDriftAnswerAsync(string id, string granularity, string from, string to, int windows)
    {
        var answer = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/drift/windows?{Series}&from={from}&to={to}&granularity={granularity}"))!;

        Assert.Equal(granularity, answer["granularity"]!.GetValue<string>());
        Assert.Equal(from, answer["window"]!["from"]!.GetValue<string>());
        Assert.Equal(to, answer["window"]!["to"]!.GetValue<string>());
        var cells = answer["windows"]!.AsArray();
        Assert.Equal(windows, cells.Count);
        Assert.Equal(from, cells[0]!["window"]!["from"]!.GetValue<string>());
        Assert.Equal(to, cells[^1]!["window"]!["to"]!.GetValue<string>());
        foreach (var cell in cells)
        {
            var window = cell!["window"]!;
            var alone = await server.Client.GetStringAsync(
                $"/v1/models/{id}/drift?{Series}&from={window["from"]!.GetValue<string>()}&to={window["to"]!.GetValue<string>()}");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(alone), cell), $"the window {window.ToJsonString()} differs from its single-window answer");
        }

        Assert.Contains(cells, c => c!["features"]!.AsArray().Any(f => f!["drifted"]!.GetValue<bool>()));
    }
}
