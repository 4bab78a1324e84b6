using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.WorstSlices;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.RootCause;

/// <summary>
/// GET /v1/models/{id}/root-cause on a server that kept the rows: the weather scenario replayed over HTTP gives, for every
/// production month, the pandas decomposition of <c>scenario-weather-resolution.json</c> from the per-bin state; a window without actuals
/// answers driftImpact alone and says why; a slice narrows both sides; bad input is a 400 naming the field.
/// </summary>
public sealed partial class RootCauseEndToEndTests(WorstSliceServer server) : IClassFixture<WorstSliceServer>
{
    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "Scenario");

    private const string Window = "from=2013-01-01T00:00:00Z&to=2014-01-01T00:00:00Z";

    [Fact]
    public async Task RootCause_OfEveryReplayedWeatherMonth_EqualsThePandasDecomposition()
    {
        var id = await WeatherModelAsync(withActuals: true);
        using var truth = JsonDocument.Parse(NonFinite().Replace(File.ReadAllText(Path.Combine(Scenario, "scenario-weather-resolution.json")), "\"$1\""));

        foreach (var month in truth.RootElement.GetProperty("windows").EnumerateArray())
        {
            var expected = month.GetProperty("rootCause");
            var window = $"from={Uri.EscapeDataString(month.GetProperty("from").GetString()!)}&to={Uri.EscapeDataString(month.GetProperty("to").GetString()!)}";

            var answer = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/root-cause?version=v1&environment=production&baseline=training&{window}"))!;

            Assert.Equal("accuracy", answer["metric"]!.GetValue<string>());
            Assert.Equal("bins", answer["source"]!.GetValue<string>());
            Assert.Null(answer["approximate"]);
            AssertBaselineSource(answer["baseline"]!);
            Assert.Equal(expected.GetProperty("baseline").GetDouble(), answer["baseline"]!["value"]!.GetValue<double>(), 1e-12);
            Assert.Equal(expected.GetProperty("labelledCurrent").GetInt64(), answer["current"]!["labelled"]!.GetValue<long>());
            Assert.Equal(expected.GetProperty("change").GetDouble(), answer["change"]!.GetValue<double>(), 1e-12);
            var performance = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/performance?version=v1&environment=production&{window}"))!;
            Assert.Equal(performance["estimated"]!["accuracy"]!.GetValue<double>(), answer["current"]!["estimated"]!.GetValue<double>(), 1e-12);
            foreach (var feature in answer["features"]!.AsArray())
            {
                var truthFeature = expected.GetProperty("features").GetProperty(feature!["name"]!.GetValue<string>());
                Assert.Equal(truthFeature.GetProperty("mix").GetDouble(), feature["mix"]!.GetValue<double>(), 1e-9);
                Assert.Equal(truthFeature.GetProperty("within").GetDouble(), feature["within"]!.GetValue<double>(), 1e-9);
                Assert.Equal(truthFeature.GetProperty("driftImpact").GetDouble(), feature["driftImpact"]!.GetValue<double>(), 1e-9);
                Assert.Equal(truthFeature.GetProperty("bins").EnumerateObject().Count(), feature["bins"]!.AsArray().Count);
            }
        }
    }

    [Fact]
    public async Task RootCause_OfAWindowWithoutActuals_AnswersDriftImpactAloneAndSaysWhy()
    {
        var id = await WeatherModelAsync(withActuals: false);

        using var response = await server.Client.GetAsync($"/v1/models/{id}/root-cause?version=v1&environment=production&{Window}");
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, answer["current"]!["labelled"]!.GetValue<long>());
        Assert.Equal(730, answer["current"]!["rows"]!.GetValue<long>());
        Assert.Null(answer["change"]);
        Assert.All(answer["features"]!.AsArray(), feature =>
        {
            Assert.Null(feature!["mix"]);
            Assert.Null(feature["within"]);
            Assert.True(double.IsFinite(feature["driftImpact"]!.GetValue<double>()));
        });
        var tempMax = answer["features"]!.AsArray().Single(feature => feature!["name"]!.GetValue<string>() == "temp_max")!;
        Assert.NotEqual(0, tempMax["driftImpact"]!.GetValue<double>());
        Assert.Contains(answer["gaps"]!.AsArray(), gap => gap!["part"]!.GetValue<string>() == "mix");
    }

    [Fact]
    public async Task RootCause_OnASlice_CountsOnlyItsRows()
    {
        var id = await WeatherModelAsync(withActuals: true);

        var answer = (await server.Client.GetFromJsonAsync<JsonObject>(
            $"/v1/models/{id}/root-cause?version=v1&environment=production&{Window}&slice={Uri.EscapeDataString("location = Seattle")}&metric=errorRate"))!;

        Assert.Equal("errorRate", answer["metric"]!.GetValue<string>());
        Assert.Equal(["location = Seattle"], answer["conditions"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Null(answer["current"]!["estimated"]);
        Assert.Equal(366, answer["baseline"]!["rows"]!.GetValue<long>());
        Assert.Equal(365, answer["current"]!["rows"]!.GetValue<long>());
        var location = answer["features"]!.AsArray().Single(feature => feature!["name"]!.GetValue<string>() == "location")!;
        Assert.Equal("Seattle", Assert.Single(location["bins"]!.AsArray())!["category"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("metric=rocAuc", "metric", "not a mean")]
    [InlineData("metric=f1", "metric", "accuracy, errorRate, logLoss, brier, mae, squaredError")]
    [InlineData("metric=nonsense", "metric", "must be one of")]
    [InlineData("metric=mae", "metric", "use one of accuracy, errorRate, logLoss, brier")]
    [InlineData("baseline=nothing-here", "baseline", "no baseline named")]
    [InlineData("slice=nothing-here", "slice", "no slice named")]
    [InlineData("where=planet%20%3D%20mars", "where", "not a feature or tag")]
    [InlineData("where=temp_max%20%3D%203", "where", "numeric")]
    [InlineData("version=a%20b", "version", "")]
    [InlineData("source=both", "source", "must be rows or bins")]
    public async Task RootCause_WithABadParameter_Is400NamingTheFieldAndTheRule(string parameter, string field, string rule)
    {
        var id = NewModelId("cause");
        var scenario = new WeatherScenario(server.Client, Scenario);
        await scenario.RegisterAsync(id);
        await scenario.SendAsync(id, WeatherScenario.ReferenceFile, "training");
        await scenario.FreezeBaselineAsync(id);

        using var response = await server.Client.GetAsync($"/v1/models/{id}/root-cause?{Window}&{parameter}");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Contains(rule, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RootCause_OfARegressorAskedForLogLoss_Is400NamingItsMetrics()
    {
        var id = NewModelId("regress");
        using var created = await server.Client.PutAsync($"/v1/models/{id}", Json("""{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var response = await server.Client.GetAsync($"/v1/models/{id}/root-cause?{Window}&metric=logLoss");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "metric");
        Assert.Contains("use one of mae, squaredError", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RootCause_OfAModelWithoutABaseline_Is400NamingTheBaseline_AndOfAnUnknownModel404()
    {
        var id = NewModelId("bare");
        await new WeatherScenario(server.Client, Scenario).RegisterAsync(id);

        using var bare = await server.Client.GetAsync($"/v1/models/{id}/root-cause?{Window}");
        using var ghost = await server.Client.GetAsync($"/v1/models/{NewModelId("ghost")}/root-cause?{Window}");

        await AssertProblemAsync(bare, HttpStatusCode.BadRequest, "baseline");
        await AssertProblemAsync(ghost, HttpStatusCode.NotFound, "modelId");
    }

    private async Task<string> WeatherModelAsync(bool withActuals)
    {
        var id = NewModelId("cause");
        var scenario = new WeatherScenario(server.Client, Scenario);
        await scenario.RegisterAsync(id);
        await scenario.SendAsync(id, WeatherScenario.ReferenceFile, "training");
        await scenario.FreezeBaselineAsync(id, TruthCutPoints());
        await scenario.SendAsync(id, WeatherScenario.ProductionFile, "production", withActuals: withActuals);
        return id;
    }

    // A bins answer says where its baseline side came from: the kept counts, or its rows counted then, and why.
    private static void AssertBaselineSource(JsonNode baseline)
    {
        var source = baseline["source"]!.GetValue<string>();
        Assert.Contains(source, new[] { "kept", "rows" });
        if (source == "rows")
        {
            Assert.False(string.IsNullOrEmpty(baseline["sourceNote"]?.GetValue<string>()), "a baseline side counted from rows says why");
        }
    }

    private static Dictionary<string, double[]> TruthCutPoints()
    {
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Scenario, "scenario-weather-truth.json")));
        var bins = truth.RootElement.GetProperty("reference").GetProperty("bins");
        return new[] { "temp_max", "temp_min", "temp_range", "wind" }
            .ToDictionary(name => name, name => bins.GetProperty(name).GetProperty("cut_points").EnumerateArray().Select(cut => cut.GetDouble()).ToArray(), StringComparer.Ordinal);
    }

    [GeneratedRegex(@"(-?Infinity|NaN)(?=\s*[,}\]])")]
    private static partial Regex NonFinite();
}
