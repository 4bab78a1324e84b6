using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Http;

/// <summary>The weather scenario replayed through the HTTP API, as a user would: default quantile bins, no explicit edges.</summary>
[Collection(ServerTestGroup.Name)]
public sealed class DriftApiTests(ServerFixture server)
{
    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "Scenario");

    [Fact]
    public async Task GetDrift_AfterReplay_HasTheContractShapeAndTheTruthsValues()
    {
        var id = NewModelId("wet");
        await new WeatherScenario(server.Client, Scenario).ReplayAsync(id);
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Scenario, "scenario-weather-truth.json")));
        var january = truth.RootElement.GetProperty("windows")[0];

        var report = (await server.Client.GetFromJsonAsync<JsonObject>(
            $"/v1/models/{id}/drift?baseline=training&version=v1&environment=production&from=2013-01-01T00:00:00Z&to=2013-02-01T00:00:00Z"))!;

        Assert.Equal(62, report["count"]!.GetValue<long>());
        Assert.Equal("2013-01-01T00:00:00Z", report["window"]!["from"]!.GetValue<string>());
        var tempMax = report["features"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "temp_max")!.AsObject();
        string[] numericFields = ["name", "type", "count", "missing", "psi", "klDivergence", "jsDistance", "jsDivergence", "hellinger", "lInfinity", "totalVariation", "chiSquare", "ks", "wasserstein", "wassersteinNormed", "bins", "drifted", "measure", "threshold", "approximate"];
        Assert.All(numericFields, field => Assert.True(tempMax.ContainsKey(field), $"temp_max lacks {field}"));
        Assert.Equal(["statistic", "pValue", "dof"], tempMax["chiSquare"]!.AsObject().Select(p => p.Key));
        Assert.Contains("statistic", tempMax["ks"]!.AsObject().Select(p => p.Key));
        Assert.Contains("pValue", tempMax["ks"]!.AsObject().Select(p => p.Key));
        Assert.Null(tempMax["bins"]![0]!["lower"]);
        Assert.Equal(6.7, tempMax["bins"]![0]!["upper"]!.GetValue<double>());
        Assert.Equal(55.0 / 732, tempMax["bins"]![0]!["baseline"]!.GetValue<double>(), 12);
        Assert.Equal(0.5, tempMax["bins"]![0]!["current"]!.GetValue<double>(), 12);
        Assert.True(tempMax["drifted"]!.GetValue<bool>());
        Assert.Equal("psi", tempMax["measure"]!.GetValue<string>());
        Assert.Equal(0.2, tempMax["threshold"]!.GetValue<double>());
        Assert.False(tempMax["approximate"]!.GetValue<bool>());
        Assert.Equal(january.GetProperty("features").GetProperty("temp_max").GetProperty("psi").GetDouble(), tempMax["psi"]!.GetValue<double>(), 1e-9);

        var location = report["features"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "location")!.AsObject();
        Assert.False(location.ContainsKey("ks"));
        Assert.False(location.ContainsKey("wasserstein"));
        Assert.Equal(["New York", "Seattle"], location["bins"]!.AsArray().Select(b => b!["category"]!.GetValue<string>()));
        Assert.Equal("jsDistance", location["measure"]!.GetValue<string>());

        Assert.Equal("numeric", report["prediction"]!["score"]!["type"]!.GetValue<string>());
        Assert.Equal("categorical", report["prediction"]!["label"]!["type"]!.GetValue<string>());
        Assert.Equal("categorical", report["actual"]!["label"]!["type"]!.GetValue<string>());
        Assert.Equal(
            january.GetProperty("prediction_drift").GetProperty("psi").GetDouble(),
            report["prediction"]!["score"]!["psi"]!.GetValue<double>(),
            1e-9);
    }

    [Fact]
    public async Task GetDrift_UnknownBaselineOrBadWindow_IsAProblemNamingTheField()
    {
        var id = NewModelId("wet");
        await new WeatherScenario(server.Client, Scenario).RegisterAsync(id);

        using var noBaseline = await server.Client.GetAsync($"/v1/models/{id}/drift?baseline=nope");
        using var missing = await server.Client.GetAsync($"/v1/models/{id}/drift");
        using var badTime = await server.Client.GetAsync($"/v1/models/{id}/drift?baseline=training&from=then");
        using var badEnvironment = await server.Client.GetAsync($"/v1/models/{id}/drift?baseline=training&environment=staging");
        using var freezeEmpty = await server.Client.PutAsync($"/v1/models/{id}/baselines/training", Json("""{"version": "v1", "environment": "training"}"""));

        await AssertProblemAsync(noBaseline, HttpStatusCode.BadRequest, "baseline");
        await AssertProblemAsync(missing, HttpStatusCode.BadRequest, "baseline");
        await AssertProblemAsync(badTime, HttpStatusCode.BadRequest, "from");
        await AssertProblemAsync(badEnvironment, HttpStatusCode.BadRequest, "environment");
        await AssertProblemAsync(freezeEmpty, HttpStatusCode.BadRequest, "version");
    }
}
