using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Demo;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.WorstSlices;

/// <summary>
/// Worst slices from the rows a server kept: the weather scenario replayed over HTTP against an exhaustive enumeration of
/// its rows, an empty window, and a worst-slice monitor that alerts on a newly planted slice once.
/// </summary>
public sealed class WorstSliceEndToEndTests(WorstSliceServer server) : IClassFixture<WorstSliceServer>
{
    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "Scenario");

    private static readonly DateTimeOffset From = new(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2014, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0.95, 20)]
    [InlineData(1.0, 40)]
    public async Task WorstSlices_OnTheReplayedWeatherScenario_EqualAnExhaustiveEnumerationOfItsRows(double alpha, int minSize)
    {
        var id = NewModelId("weather");
        var cutPoints = TruthCutPoints();
        var scenario = new WeatherScenario(server.Client, Scenario);
        await scenario.RegisterAsync(id);
        await scenario.SendAsync(id, WeatherScenario.ReferenceFile, "training");
        await scenario.FreezeBaselineAsync(id, cutPoints);
        await scenario.SendAsync(id, WeatherScenario.ProductionFile, "production");
        var (rows, error, expected) = WeatherBruteForce.Top(Path.Combine(Scenario, WeatherScenario.ProductionFile), cutPoints, From, To, alpha, minSize);
        var window = "from=2013-01-01T00:00:00Z&to=2014-01-01T00:00:00Z";

        var answer = (await server.Client.GetFromJsonAsync<JsonObject>(
            $"/v1/models/{id}/worst-slices?version=v1&environment=production&{window}&alpha={alpha}&minSize={minSize}&maxConditions=2&limit=100"))!;

        Assert.Equal(rows, answer["rows"]!.GetValue<int>());
        Assert.False(answer["sampled"]!.GetValue<bool>());
        Assert.Equal(error, answer["overall"]!["error"]!.GetValue<double>(), 1e-12);
        Assert.Equal(1 - error, answer["overall"]!["accuracy"]!.GetValue<double>(), 1e-12);
        Assert.Equal("training", answer["baseline"]!.GetValue<string>());
        var slices = answer["slices"]!.AsArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Take(100).Select(slice => slice.Name), slices.Select(slice => string.Join(" & ", slice!["conditions"]!.AsArray().Select(c => c!.GetValue<string>()))));
        for (var i = 0; i < slices.Count; i++)
        {
            Assert.Equal(expected[i].Size, slices[i]!["size"]!.GetValue<int>());
            Assert.Equal(expected[i].Error, slices[i]!["error"]!.GetValue<double>(), 1e-9);
            Assert.Equal(expected[i].Score, slices[i]!["score"]!.GetValue<double>(), 1e-9);
            Assert.InRange(slices[i]!["qValue"]!.GetValue<double>(), slices[i]!["pValue"]!.GetValue<double>(), 1);
        }

        var conditions = slices[0]!["conditions"]!.AsArray().Select(c => "where=" + Uri.EscapeDataString(c!.GetValue<string>()));
        var link = slices[0]!["examples"]!.GetValue<string>();
        Assert.Equal(
            $"/v1/models/{id}/examples?{string.Join("&", conditions)}&version=v1&environment=production&from=2013-01-01T00%3A00%3A00Z&to=2014-01-01T00%3A00%3A00Z",
            link);
        var examples = (await server.Client.GetStringAsync(link)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        var records = examples.Where(line => line["predictionId"] is not null).ToList();
        Assert.Equal(expected[0].Size, records.Count);
        Assert.Equal(expected[0].Error, records.Count(r => r["prediction"]!["label"]!.GetValue<string>() != r["actual"]!["label"]!.GetValue<string>()) / (double)records.Count, 1e-12);
    }

    [Fact]
    public async Task WorstSlices_OverAWindowWithoutLabelledRows_AnswersNoSlicesWithTheReason()
    {
        var id = NewModelId("empty");
        var scenario = new WeatherScenario(server.Client, Scenario);
        await scenario.RegisterAsync(id);
        await scenario.SendAsync(id, WeatherScenario.ProductionFile, "production", withActuals: false);

        using var response = await server.Client.GetAsync($"/v1/models/{id}/worst-slices?from=2013-01-01T00:00:00Z&to=2014-01-01T00:00:00Z");
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(answer["slices"]!.AsArray());
        Assert.Equal(0, answer["rows"]!.GetValue<int>());
        Assert.Equal("the window has no labelled rows", answer["reason"]!.GetValue<string>());
        Assert.Equal(["temp_max", "temp_min", "temp_range", "wind"], answer["unbinned"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task WorstSliceMonitor_FiresOnceForANewlyPlantedSlice_AndNotAgainOnTheNextEvaluation()
    {
        var id = NewModelId("watch");
        using var registered = await server.Client.PutAsync($"/v1/models/{id}", Json("""
            {"task": "binary_classification", "bucket": "1h",
             "features": [{"name": "shop", "type": "categorical"}, {"name": "channel", "type": "categorical"}]}
            """));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var start = new DateTimeOffset(2014, 3, 1, 0, 0, 0, TimeSpan.Zero);
        server.Factory.Clock.Set(start.AddDays(10));
        using var defined = await server.Client.PutAsync($"/v1/models/{id}/monitors/weak-spots", Json("""
            {"kind": "worstSlices", "window": "30d", "topK": 5, "maxQValue": 0.05, "version": "v1", "environment": "production"}
            """));
        Assert.Equal(HttpStatusCode.OK, defined.StatusCode);

        // Every shop and channel pair is wrong on exactly one row in ten: no slice does worse than the rest.
        await SendAsync(id, start, Enumerable.Range(0, 2_000).Select(i => ($"u{i}", $"s{i / 10 % 4}", $"c{i / 40 % 4}", i % 10 == 0)));
        var quiet = await EvaluateAsync(id);
        await SendAsync(id, start.AddDays(1), Enumerable.Range(0, 400).Select(i => ($"p{i}", "s3", "c2", i % 2 == 0)));
        var planted = await EvaluateAsync(id);
        var again = await EvaluateAsync(id);

        Assert.Empty(quiet);
        var alert = Assert.Single(planted, a => a["target"]!.GetValue<string>() == "shop = s3 & channel = c2")!;
        Assert.Equal("worstSlices", alert["kind"]!.GetValue<string>());
        Assert.Equal("firing", alert["state"]!.GetValue<string>());
        Assert.Equal(120 + 400, alert["count"]!.GetValue<long>());
        Assert.Equal((12 + 200) / 520.0, alert["value"]!.GetValue<double>(), 1e-9);
        Assert.InRange(alert["qValue"]!.GetValue<double>(), 0, 0.05);
        Assert.StartsWith($"/v1/models/{id}/examples?where=shop%20%3D%20s3&where=channel%20%3D%20c2&version=v1&environment=production&from=", alert["examples"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(again);
    }

    [Fact]
    public async Task SliceListing_RanksWorstChangeFirst_AndComparesNumericBinsWithTheBaselinesKeptRows()
    {
        var id = NewModelId("ranked");
        var cutPoints = TruthCutPoints();
        var scenario = new WeatherScenario(server.Client, Scenario);
        await scenario.RegisterAsync(id);
        await scenario.SendAsync(id, WeatherScenario.ReferenceFile, "training");
        await scenario.FreezeBaselineAsync(id, cutPoints);
        await scenario.SendAsync(id, WeatherScenario.ProductionFile, "production");
        var (count, accuracy) = ReferenceBin(cutPoints["temp_max"][0]);
        var window = "version=v1&environment=production&from=2013-01-01T00:00:00Z&to=2014-01-01T00:00:00Z";

        var listing = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/slices?{window}"))!;
        var ranked = listing["slices"]!.AsArray();
        var bySize = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/slices?{window}&sort=size&minSize=200&limit=3"))!["slices"]!.AsArray();
        using var badSort = await server.Client.GetAsync($"/v1/models/{id}/slices?{window}&sort=worst");
        using var badLimit = await server.Client.GetAsync($"/v1/models/{id}/slices?{window}&limit=0");

        var bin = ranked.Single(s => s!["slice"]!.GetValue<string>() == $"temp_max in [-inf, {cutPoints["temp_max"][0].ToString(System.Globalization.CultureInfo.InvariantCulture)})")!;
        Assert.Equal(732, listing["baselineRows"]!["rows"]!.GetValue<long>());
        Assert.False(listing["baselineRows"]!["sampled"]!.GetValue<bool>());
        Assert.Equal(count, bin["baseline"]!["labelled"]!.GetValue<long>());
        Assert.Equal(accuracy, bin["baseline"]!["realised"]!["accuracy"]!.GetValue<double>(), 1e-12);
        Assert.Equal(bin["realised"]!["accuracy"]!.GetValue<double>() - accuracy, bin["change"]!.GetValue<double>(), 1e-12);
        var changes = ranked.TakeWhile(s => s!["change"] is not null).Select(s => s!["change"]!.GetValue<double>()).ToList();
        Assert.True(changes.Count > 10, $"{changes.Count} slices with a change");
        Assert.Equal(changes.Order(), changes);
        Assert.All(ranked.SkipWhile(s => s!["change"] is not null), s => Assert.False(string.IsNullOrEmpty(s!["baselineMissing"]?.GetValue<string>() ?? s!["changeMissing"]?.GetValue<string>())));
        Assert.Equal(3, bySize.Count);
        var sizes = bySize.Select(s => s!["predictions"]!.GetValue<long>()).ToList();
        Assert.Equal(sizes.OrderDescending(), sizes);
        Assert.All(sizes, size => Assert.True(size >= 200));
        await AssertProblemAsync(badSort, HttpStatusCode.BadRequest, "sort");
        await AssertProblemAsync(badLimit, HttpStatusCode.BadRequest, "limit");
    }

    // Labelled reference rows below the first cut point, and the share predicted right.
    private static (long Count, double Accuracy) ReferenceBin(double upper)
    {
        var rows = File.ReadLines(Path.Combine(Scenario, WeatherScenario.ReferenceFile))
            .Where(line => line.Length > 0)
            .Select(line => JsonNode.Parse(line)!)
            .Where(row => row["features"]!["temp_max"]!.GetValue<double>() < upper)
            .ToList();
        return (rows.Count, rows.Count(row => row["prediction"]!.GetValue<int>() == row["actual"]!.GetValue<int>()) / (double)rows.Count);
    }

    private async Task SendAsync(string id, DateTimeOffset day, IEnumerable<(string Id, string Shop, string Channel, bool Wrong)> records)
    {
        var body = new StringBuilder();
        foreach (var (predictionId, shop, channel, wrong) in records)
        {
            body.Append(new JsonObject
            {
                ["predictionId"] = predictionId,
                ["timestamp"] = day.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["version"] = "v1",
                ["environment"] = "production",
                ["features"] = new JsonObject { ["shop"] = shop, ["channel"] = channel },
                ["prediction"] = new JsonObject { ["label"] = wrong ? "1" : "0" },
                ["actual"] = new JsonObject { ["label"] = "0" },
            }.ToJsonString()).Append('\n');
        }

        using var response = await server.Client.PostAsync($"/v1/models/{id}/records", new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<List<JsonObject>> EvaluateAsync(string id)
    {
        using var response = await server.Client.PostAsync($"/v1/models/{id}/monitors:evaluate", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return [.. answer["alerts"]!.AsArray().Select(alert => alert!.AsObject())];
    }

    private static Dictionary<string, double[]> TruthCutPoints()
    {
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Scenario, "scenario-weather-truth.json")));
        var bins = truth.RootElement.GetProperty("reference").GetProperty("bins");
        return new[] { "temp_max", "temp_min", "temp_range", "wind" }
            .ToDictionary(name => name, name => bins.GetProperty(name).GetProperty("cut_points").EnumerateArray().Select(cut => cut.GetDouble()).ToArray());
    }
}
