using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Recommendations;

/// <summary>
/// GET /v1/models/{id}/recommendations: the brief's young users over HTTP — the young bin named with its count and a
/// link that downloads exactly its rows — and every bad parameter refused with a problem naming the field.
/// </summary>
[Collection(ServerTestGroup.Name)]
public sealed class RecommendationApiTests(ServerFixture server)
{
    private const string Window = "from=2013-01-01T00:00:00Z&to=2013-02-01T00:00:00Z";
    private static readonly DateTimeOffset TrainingStart = new(2012, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ProductionStart = new(2013, 1, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Regions = ["east", "north", "south", "west"];

    [Fact]
    public async Task Recommendations_OfYoungUsers_AdviseRetrainingAndAddingAgeIn18To25_WithItsCountAndALinkToItsRows()
    {
        var id = await YoungUsersAsync();

        using var response = await server.Client.GetAsync($"/v1/models/{id}/recommendations?version=v1&environment=production&{Window}");
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(answer["retrain"]!.GetValue<bool>(), answer["reason"]!.GetValue<string>());
        Assert.Equal("age", answer["drift"]!["feature"]!.GetValue<string>());
        var young = answer["add"]!.AsArray()[0]!;
        Assert.Equal("age in [18, 25)", young["condition"]!.GetValue<string>());
        Assert.Equal(18, young["lower"]!.GetValue<double>());
        Assert.Equal(25, young["upper"]!.GetValue<double>());
        Assert.Equal(1_200, young["labelled"]!.GetValue<long>());
        Assert.Equal(0.4, young["currentShare"]!.GetValue<double>(), 12);
        Assert.Equal(0.05, young["baselineShare"]!.GetValue<double>(), 12);

        var rows = (await server.Client.GetStringAsync(young["examples"]!.GetValue<string>()))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToList();
        Assert.Equal(1_200, rows[^1]["rows"]!.GetValue<long>());
        Assert.All(rows[..^1], row => Assert.InRange(row["features"]!["age"]!.GetValue<double>(), 18, 24));
    }

    [Theory]
    [InlineData("from=2013-01-01", "from")]
    [InlineData("from=2013-02-01T00:00:00Z&to=2013-01-01T00:00:00Z", "from")]
    [InlineData("from=2012-01-01T00:00:00Z&to=2013-01-02T00:00:00Z", "from")]
    [InlineData("baseline=..", "baseline")]
    [InlineData("baseline=nothing-here", "baseline")]
    [InlineData("version=a%20b", "version")]
    public async Task Recommendations_WithABadParameter_Is400NamingTheField(string parameters, string field)
    {
        var id = await RegisteredAsync(withBaseline: true);
        var query = parameters.StartsWith("from=", StringComparison.Ordinal) ? parameters : $"{Window}&{parameters}";

        using var response = await server.Client.GetAsync($"/v1/models/{id}/recommendations?{query}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Recommendations_OfAModelWithoutABaseline_Is400NamingTheBaseline()
    {
        var id = await RegisteredAsync(withBaseline: false);

        using var response = await server.Client.GetAsync($"/v1/models/{id}/recommendations?{Window}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "baseline");
    }

    [Fact]
    public async Task Recommendations_OfAnUnknownModel_Is404()
    {
        using var response = await server.Client.GetAsync($"/v1/models/{NewModelId("ghost")}/recommendations?{Window}");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "modelId");
    }

    // The young users of the brief (see the grain tests' YoungUsers): 199 teenagers, 200 young and 3,601 older rows in
    // training, so twenty quantile bins cut at 18 and 25; 5 %, 40 % and 55 % in production; young rows wrong 30 % of
    // the time, the others 15 %.
    private async Task<string> YoungUsersAsync()
    {
        var id = await RegisteredAsync(withBaseline: false);
        await SendAsync(id, Records(1, "training", TrainingStart, teens: 199, young: 200, older: 3_601));
        await FreezeAsync(id);
        await SendAsync(id, Records(2, "production", ProductionStart, teens: 150, young: 1_200, older: 1_650));
        return id;
    }

    private async Task<string> RegisteredAsync(bool withBaseline)
    {
        var id = NewModelId("advice");
        using var model = await server.Client.PutAsync($"/v1/models/{id}", Json("""
            {"task": "binary_classification", "positiveLabel": "1", "negativeLabel": "0", "threshold": 0.5,
             "features": [{"name": "age", "type": "numeric"}, {"name": "region", "type": "categorical"}]}
            """));
        Assert.True(model.IsSuccessStatusCode, await model.Content.ReadAsStringAsync());
        if (withBaseline)
        {
            await SendAsync(id, Records(3, "training", TrainingStart, teens: 10, young: 10, older: 80));
            await FreezeAsync(id);
        }

        return id;
    }

    private async Task FreezeAsync(string id)
    {
        using var baseline = await server.Client.PutAsync($"/v1/models/{id}/baselines/training", Json("""{"version": "v1", "environment": "training", "bins": 20}"""));
        Assert.True(baseline.IsSuccessStatusCode, await baseline.Content.ReadAsStringAsync());
    }

    private async Task SendAsync(string id, IReadOnlyList<string> records)
    {
        foreach (var chunk in records.Chunk(1_000))
        {
            using var response = await server.Client.PostAsync($"/v1/models/{id}/records", new StringContent(string.Join('\n', chunk), Encoding.UTF8, "application/x-ndjson"));
            var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(chunk.Length, answer["accepted"]!.GetValue<int>());
        }
    }

    private static List<string> Records(int seed, string environment, DateTimeOffset start, int teens, int young, int older)
    {
        var random = new Random(seed);
        var ages = Enumerable.Range(0, teens).Select(i => 16 + (i % 2))
            .Concat(Enumerable.Range(0, young).Select(i => 18 + (i % 7)))
            .Concat(Enumerable.Range(0, older).Select(i => 25 + (i % 55)));
        return [.. ages.Select((age, i) =>
        {
            var wrong = random.NextDouble() < (age is >= 18 and < 25 ? 0.30 : 0.15);
            var predicted = random.Next(2);
            var actual = wrong ? 1 - predicted : predicted;
            var record = new JsonObject
            {
                ["predictionId"] = $"{environment}-{seed}-{i.ToString(CultureInfo.InvariantCulture)}",
                ["timestamp"] = start.AddSeconds(i * 10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["version"] = "v1",
                ["environment"] = environment,
                ["features"] = new JsonObject { ["age"] = age, ["region"] = Regions[random.Next(Regions.Length)] },
                ["prediction"] = new JsonObject { ["score"] = predicted == 1 ? 0.7 : 0.3 },
                ["actual"] = new JsonObject { ["label"] = actual.ToString(CultureInfo.InvariantCulture) },
            };
            return record.ToJsonString();
        })];
    }
}
