using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.WorstSlices;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Drift;

/// <summary>
/// GET /v1/models/{id}/drift with <c>where=</c> or <c>slice=</c> on a server that kept the rows. The oracle is a second
/// model that received only the slice's records, its baseline frozen on the first model's cut points: its unsliced
/// answer comes from sketches, so a sliced answer from rows must equal it measure by measure.
/// </summary>
public sealed class SliceDriftEndToEndTests(WorstSliceServer server) : IClassFixture<WorstSliceServer>
{
    private const string Series = "version=v1&environment=production";
    private const string Window = "from=2013-01-01T00:00:00Z&to=2014-01-01T00:00:00Z";
    private const string Seattle = "location = Seattle";

    // The top-level fields only a sliced answer has, or whose value names the model.
    private static readonly string[] SliceOnly = ["modelId", "slice", "conditions", "source", "baselineRows", "currentRows", "sampled"];

    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "Scenario");

    [Fact]
    public async Task Drift_WhereLocationIsSeattle_EqualsTheUnslicedDriftOfAModelOfSeattleRowsOnly_EveryMonth()
    {
        var id = await WeatherModelAsync(new WeatherScenario(server.Client, Scenario), edges: null);
        var whole = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/drift?baseline=training&{Series}&{Window}"))!;
        var seattleOnly = Path.Combine(Path.GetTempPath(), NewModelId("seattle"));
        try
        {
            var oracle = await WeatherModelAsync(new WeatherScenario(server.Client, SeattleFiles(seattleOnly)), CutPoints(whole));
            for (var month = new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero); month.Year < 2016; month = month.AddMonths(1))
            {
                var window = $"from={Uri.EscapeDataString(Iso(month))}&to={Uri.EscapeDataString(Iso(month.AddMonths(1)))}";
                var sliced = (await server.Client.GetFromJsonAsync<JsonObject>(
                    $"/v1/models/{id}/drift?baseline=training&{Series}&{window}&where={Uri.EscapeDataString(Seattle)}"))!;
                var expected = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{oracle}/drift?baseline=training&{Series}&{window}"))!;

                Assert.Equal("rows", sliced["source"]!.GetValue<string>());
                Assert.Equal([Seattle], sliced["conditions"]!.AsArray().Select(c => c!.GetValue<string>()));
                Assert.False(sliced["sampled"]!.GetValue<bool>());
                Assert.Equal(366, sliced["baselineRows"]!.GetValue<long>());
                Assert.Equal(expected["count"]!.GetValue<long>(), sliced["currentRows"]!.GetValue<long>());
                AssertSame(expected["features"], sliced["features"], $"{Iso(month)} features");
                AssertSame(expected["prediction"]!["label"], sliced["prediction"]!["label"], $"{Iso(month)} prediction.label");
                AssertSame(expected["actual"], sliced["actual"], $"{Iso(month)} actual");
                Assert.Equal(expected["count"]!.GetValue<long>(), sliced["count"]!.GetValue<long>());
                var tempMax = sliced["features"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "temp_max")!;
                Assert.False(tempMax["approximate"]!.GetValue<bool>());
                Assert.All(new[] { "psi", "wasserstein", "wassersteinNormed", "ks", "andersonDarling" }, measure => Assert.NotNull(tempMax[measure]));
            }
        }
        finally
        {
            Directory.Delete(seattleOnly, recursive: true);
        }
    }

    [Fact]
    public async Task Drift_OfANamedSlice_IsTheDriftOfItsConditions()
    {
        var id = await WeatherModelAsync(new WeatherScenario(server.Client, Scenario), edges: null);
        using var defined = await server.Client.PutAsync($"/v1/models/{id}/slices/warm-seattle", Json("""{"conditions": ["location = Seattle", "temp_max in [15, inf)"]}"""));
        Assert.True(defined.IsSuccessStatusCode, await defined.Content.ReadAsStringAsync());

        var named = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/drift?baseline=training&{Series}&{Window}&slice=warm-seattle"))!;
        var where = (await server.Client.GetFromJsonAsync<JsonObject>(
            $"/v1/models/{id}/drift?baseline=training&{Series}&{Window}&where={Uri.EscapeDataString(Seattle)}&where={Uri.EscapeDataString("temp_max in [15, inf)")}"))!;
        var whole = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/drift?baseline=training&{Series}&{Window}"))!;

        Assert.Equal("warm-seattle", named["slice"]!.GetValue<string>());
        Assert.Equal([Seattle, "temp_max in [15, inf)"], named["conditions"]!.AsArray().Select(c => c!.GetValue<string>()));
        AssertSame(where["features"], named["features"], "features");
        Assert.Equal(where["currentRows"]!.GetValue<long>(), named["currentRows"]!.GetValue<long>());
        Assert.InRange(named["currentRows"]!.GetValue<long>(), 1, whole["count"]!.GetValue<long>() / 2);
        var location = named["features"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "location")!;
        Assert.Equal("Seattle", Assert.Single(location["bins"]!.AsArray())!["category"]!.GetValue<string>());
        Assert.Null(whole["source"]);
    }

    [Theory]
    [InlineData("slice=nothing-here", "slice", "no slice named")]
    [InlineData("where=planet%20%3D%20mars", "where", "not a feature or tag")]
    [InlineData("where=temp_max%20%3D%203", "where", "numeric")]
    [InlineData("where=location%20%3D%20Seattle&where=temp_max%20in%20%5B1", "where[1]", "")]
    [InlineData("where=location%20in%20%5B0%2C%201)", "where", "categorical")]
    public async Task Drift_WithABadSliceOrCondition_Is400NamingTheField(string parameter, string field, string rule)
    {
        var id = NewModelId("sdrift");
        var scenario = new WeatherScenario(server.Client, Scenario);
        await scenario.RegisterAsync(id);
        await scenario.SendAsync(id, WeatherScenario.ReferenceFile, "training");
        await scenario.FreezeBaselineAsync(id);

        using var response = await server.Client.GetAsync($"/v1/models/{id}/drift?baseline=training&{Series}&{Window}&{parameter}");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Contains(rule, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<string> WeatherModelAsync(WeatherScenario scenario, IReadOnlyDictionary<string, double[]>? edges)
    {
        var id = NewModelId("sdrift");
        await scenario.RegisterAsync(id);
        await scenario.SendAsync(id, WeatherScenario.ReferenceFile, "training");
        await scenario.FreezeBaselineAsync(id, edges);
        await scenario.SendAsync(id, WeatherScenario.ProductionFile, "production");
        return id;
    }

    // The numeric features' cut points of a drift answer: the upper bounds of its bins but the open last one.
    private static Dictionary<string, double[]> CutPoints(JsonObject drift) => drift["features"]!.AsArray()
        .Where(feature => feature!["type"]!.GetValue<string>() == "numeric")
        .ToDictionary(
            feature => feature!["name"]!.GetValue<string>(),
            feature => feature!["bins"]!.AsArray().Select(bin => bin!["upper"]).OfType<JsonNode>().Select(upper => upper.GetValue<double>()).ToArray(),
            StringComparer.Ordinal);

    private static string SeattleFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in new[] { WeatherScenario.ReferenceFile, WeatherScenario.ProductionFile })
        {
            var lines = File.ReadLines(Path.Combine(Scenario, file))
                .Where(line => line.Length > 0 && JsonNode.Parse(line)!["features"]!["location"]!.GetValue<string>() == "Seattle");
            File.WriteAllLines(Path.Combine(directory, file), lines);
        }

        return directory;
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    // Equal structure and text; numbers equal to 1e-12.
    private static void AssertSame(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null, got {actual?.ToJsonString()}");
                break;
            case JsonObject expectedObject:
                var actualObject = Assert.IsType<JsonObject>(actual);
                Assert.Equal(expectedObject.Select(p => p.Key).Order(StringComparer.Ordinal), actualObject.Select(p => p.Key).Order(StringComparer.Ordinal));
                foreach (var (key, member) in expectedObject)
                {
                    AssertSame(member, actualObject[key], $"{path}.{key}");
                }

                break;
            case JsonArray expectedArray:
                var actualArray = Assert.IsType<JsonArray>(actual);
                Assert.True(expectedArray.Count == actualArray.Count, $"{path}: {expectedArray.Count} items expected, {actualArray.Count} answered");
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    AssertSame(expectedArray[i], actualArray[i], $"{path}[{i}]");
                }

                break;
            default:
                var value = expected.AsValue();
                if (value.TryGetValue<double>(out var number) && value.GetValueKind() == System.Text.Json.JsonValueKind.Number)
                {
                    var answered = actual!.GetValue<double>();
                    Assert.True(Math.Abs(number - answered) <= 1e-12, $"{path}: expected {number:R}, answered {answered:R}");
                }
                else
                {
                    Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: expected {expected.ToJsonString()}, answered {actual?.ToJsonString()}");
                }

                break;
        }
    }
}
