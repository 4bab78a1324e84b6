using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Http;

/// <summary>Performance, slices and late actuals over HTTP, on the weather scenario.</summary>
[Collection(ServerTestGroup.Name)]
public sealed class PerformanceApiTests(ServerFixture server)
{
    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "Scenario");

    private const string Years = "version=v1&from=2013-01-01T00:00:00Z&to=2016-01-01T00:00:00Z";

    [Fact]
    public async Task Performance_Monthly_HasRealisedAndEstimatedMetricsForEveryMonth_AndSlicesListEverySlice()
    {
        var id = NewModelId("perf");
        var scenario = new WeatherScenario(server.Client, Scenario);
        await scenario.RegisterAsync(id);
        await scenario.SendAsync(id, WeatherScenario.ReferenceFile, "training");
        await scenario.FreezeBaselineAsync(id);
        using var slice = await server.Client.PutAsync($"/v1/models/{id}/slices/seattle-cold", Json("""{"conditions": ["location = Seattle", "temp_max in [-inf, 10)"]}"""));
        await scenario.SendAsync(id, WeatherScenario.ProductionFile, "production");
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Scenario, "scenario-weather-truth.json")));
        var january = truth.RootElement.GetProperty("windows")[0];

        var performance = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/performance?{Years}&granularity=month"))!;
        var slices = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/slices?{Years}"))!;
        var seattle = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/slices/{Uri.EscapeDataString("location = Seattle")}?{Years}"))!;
        var cold = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/performance?{Years}&slice=seattle-cold"))!;

        Assert.Equal(HttpStatusCode.OK, slice.StatusCode);
        var series = performance["series"]!.AsArray();
        Assert.Equal(36, series.Count);
        Assert.Equal(2190, performance["labelled"]!.GetValue<long>());
        Assert.Equal(1.0, performance["labelledShare"]!.GetValue<double>());
        var calibration = performance["calibration"]!.AsArray();
        Assert.Equal(10, calibration.Count);
        Assert.Equal(2190, calibration.Sum(p => p!["count"]!.GetValue<long>()));
        Assert.Equal(january.GetProperty("performance").GetProperty("accuracy").GetDouble(), series[0]!["realised"]!["accuracy"]!.GetValue<double>(), 12);
        Assert.Equal(january.GetProperty("performance").GetProperty("roc_auc").GetDouble(), series[0]!["realised"]!["rocAuc"]!.GetValue<double>(), 9);
        Assert.Equal(january.GetProperty("cbpe_estimate").GetProperty("accuracy").GetDouble(), series[0]!["estimated"]!["accuracy"]!.GetValue<double>(), 0.01);

        var names = slices["slices"]!.AsArray().Select(s => s!["slice"]!.GetValue<string>()).ToList();
        Assert.Contains("all", names);
        Assert.Contains("location = Seattle", names);
        Assert.Contains("temp_max in [-inf, 6.7)", names);
        Assert.Contains("seattle-cold", names);
        Assert.All(slices["slices"]!.AsArray(), s => Assert.Equal("accuracy", s!["headlineMetric"]!.GetValue<string>()));
        var whole = slices["slices"]!.AsArray().Single(s => s!["slice"]!.GetValue<string>() == "all")!;
        Assert.Equal(732, whole["baseline"]!["labelled"]!.GetValue<long>());
        Assert.InRange(whole["predictionPsi"]!.GetValue<double>(), 0, 0.2);
        Assert.False(whole["predictionDrifted"]!.GetValue<bool>());
        Assert.NotNull(whole["change"]);
        Assert.Equal(1095, seattle["labelled"]!.GetValue<long>());
        Assert.InRange(cold["labelled"]!.GetValue<long>(), 1, 1094);
    }

    [Fact]
    public async Task Actuals_LateOnesAreJoined_UnknownOnesAreHeldAndListed_BadOnesRejectedAlone()
    {
        var id = NewModelId("late");
        var scenario = new WeatherScenario(server.Client, Scenario);
        await scenario.RegisterAsync(id);
        await scenario.SendAsync(id, WeatherScenario.ProductionFile, "production", withActuals: false);

        using var response = await server.Client.PostAsync($"/v1/models/{id}/actuals", Json("""
            [{"predictionId": "weather-366", "actual": {"label": "1"}},
             {"predictionId": "never-sent", "actual": "0"},
             {"predictionId": "weather-1827", "actual": {"label": "maybe"}},
             {"actual": {"label": "1"}}]
            """));
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var performance = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/performance?{Years}"))!;
        using var unknownModel = await server.Client.PostAsync($"/v1/models/{NewModelId("ghost")}/actuals", Json("""[{"predictionId": "a", "actual": "1"}]"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, answer["accepted"]!.GetValue<int>());
        Assert.Equal([2, 3], answer["rejected"]!.AsArray().Select(r => r!["index"]!.GetValue<int>()));
        Assert.StartsWith("actual.label:", answer["rejected"]![0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("predictionId: is required", answer["rejected"]![1]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("never-sent", answer["unmatched"]!.AsArray().Single()!["predictionId"]!.GetValue<string>());
        Assert.Equal(2190, performance["predictions"]!.GetValue<long>());
        Assert.Equal(1, performance["labelled"]!.GetValue<long>());
        await AssertProblemAsync(unknownModel, HttpStatusCode.NotFound, "modelId");
    }

    [Theory]
    [InlineData("""{"conditions": ["location ~ Seattle"]}""", "conditions[0]")]
    [InlineData("""{"conditions": ["temp_max in [20, 10)"]}""", "conditions[0]")]
    [InlineData("""{"conditions": ["humidity = high"]}""", "conditions[0]")]
    [InlineData("""{"conditions": ["location in [1, 2)"]}""", "conditions[0]")]
    [InlineData("""{"conditions": []}""", "conditions")]
    public async Task PutSlice_Invalid_Is400NamingTheCondition(string body, string field)
    {
        var id = NewModelId("slice");
        await new WeatherScenario(server.Client, Scenario).RegisterAsync(id);

        using var response = await server.Client.PutAsync($"/v1/models/{id}/slices/bad", Json(body));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Performance_UnknownSliceOrBadGranularity_IsAProblem()
    {
        var id = NewModelId("perf");
        await new WeatherScenario(server.Client, Scenario).RegisterAsync(id);

        using var unknown = await server.Client.GetAsync($"/v1/models/{id}/performance?{Years}&slice=nothing");
        using var unknownValue = await server.Client.GetAsync($"/v1/models/{id}/performance?{Years}&slice={Uri.EscapeDataString("location = Atlantis")}");
        using var granularity = await server.Client.GetAsync($"/v1/models/{id}/performance?{Years}&granularity=1m");

        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "slice");
        await AssertProblemAsync(unknownValue, HttpStatusCode.NotFound, "slice");
        await AssertProblemAsync(granularity, HttpStatusCode.BadRequest, "granularity");
    }
}
