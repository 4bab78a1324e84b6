using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;
using Parquet;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Examples;

/// <summary>GET /v1/models/{id}/examples over HTTP on the weather scenario, checked against the scenario file.</summary>
[Collection(ServerTestGroup.Name)]
public sealed class ExampleApiTests(ServerFixture server)
{
    private static readonly string Scenario = Path.Combine(AppContext.BaseDirectory, "Scenario");
    private static readonly DateTimeOffset From = new(2014, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2014, 7, 1, 0, 0, 0, TimeSpan.Zero);

    private const string Where = "where=location%20%3D%20Seattle&where=temp_max%20in%20%5B10%2C%20inf%29";
    private const string Window = "from=2014-01-01T00:00:00Z&to=2014-07-01T00:00:00Z";

    private async Task<(string ModelId, WeatherRows Rows)> ReplayAsync(string prefix)
    {
        var id = NewModelId(prefix);
        var scenario = new WeatherScenario(server.Client, Scenario);
        await scenario.RegisterAsync(id);
        await scenario.SendAsync(id, WeatherScenario.ProductionFile, "production", withActuals: false);
        var rows = new WeatherRows(Scenario);
        await rows.SendActualsAsync(server.Client, id);
        return (id, rows);
    }

    [Fact]
    public async Task Examples_OfAWhereSliceAndWindow_AreExactlyTheScenarioRecordsInIt_WithTheirLateActualsAndCorrections()
    {
        var (id, rows) = await ReplayAsync("examples");
        var expected = rows.SeattleWarm(From, To);

        using var response = await server.Client.GetAsync($"/v1/models/{id}/examples?{Where}&{Window}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("false", Assert.Single(response.Headers.GetValues("X-Rows-Sampled")));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var records = lines[..^1];
        Assert.Equal(expected.Select(r => r.Id), records.Select(r => r["predictionId"]!.GetValue<string>()));
        Assert.Contains(expected, r => r.Corrected);
        Assert.Contains(expected, r => r.Actual is null);
        foreach (var (record, row) in records.Zip(expected))
        {
            Assert.Equal(row.Time, DateTimeOffset.Parse(record["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture));
            Assert.Equal(("v1", "production"), (record["version"]!.GetValue<string>(), record["environment"]!.GetValue<string>()));
            foreach (var (name, value) in row.Features)
            {
                Assert.Equal(value!.ToJsonString(), Normalise(record["features"]![name]!, value));
            }

            Assert.Equal(row.Predicted, record["prediction"]!["label"]!.GetValue<string>());
            Assert.Equal(row.Score, record["prediction"]!["score"]!.GetValue<double>());
            Assert.Equal(row.Actual, record["actual"]?["label"]!.GetValue<string>());
        }

        Assert.Equal(expected.Count, lines[^1]["rows"]!.GetValue<long>());
        Assert.False(lines[^1]["sampled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Examples_AsCsvAndParquet_HoldTheSameRowsInTheSameOrder_AndLimitAndMisclassifiedSelectFromThem()
    {
        var (id, rows) = await ReplayAsync("formats");
        var expected = rows.SeattleWarm(From, To);

        var csv = await server.Client.GetStringAsync($"/v1/models/{id}/examples?{Where}&{Window}&format=csv");
        using var parquetResponse = await server.Client.GetAsync($"/v1/models/{id}/examples?{Where}&{Window}&format=parquet");
        var limited = await server.Client.GetStringAsync($"/v1/models/{id}/examples?{Where}&{Window}&limit=3");
        var wrong = await server.Client.GetStringAsync($"/v1/models/{id}/examples?{Where}&{Window}&misclassified=true");

        var csvLines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("predictionId,timestamp,version,environment,feature.location,feature.temp_max,feature.temp_min,feature.temp_range,feature.wind,prediction.label,prediction.score,actual.label", csvLines[0]);
        Assert.Equal(expected.Select(r => $"{r.Id},{r.Actual}"), csvLines[1..^1].Select(l => l.Split(',')).Select(f => $"{f[0]},{f[^1]}"));
        Assert.Equal($"# rows={expected.Count} sampled=false", csvLines[^1]);

        Assert.Equal("application/vnd.apache.parquet", parquetResponse.Content.Headers.ContentType?.MediaType);
        using var file = new MemoryStream(await parquetResponse.Content.ReadAsByteArrayAsync());
        await using var reader = await ParquetReader.CreateAsync(file);
        var fields = reader.Schema.GetDataFields();
        using var group = reader.OpenRowGroupReader(0);
        var ids = new string?[group.RowCount];
        var actuals = new string?[group.RowCount];
        await group.ReadAsync(fields.Single(f => f.Name == "predictionId"), ids.AsMemory(), null);
        await group.ReadAsync(fields.Single(f => f.Name == "actual.label"), actuals.AsMemory(), null);
        Assert.Equal(expected.Select(r => ((string?)r.Id, r.Actual)), ids.Zip(actuals));
        Assert.Equal(expected.Count.ToString(CultureInfo.InvariantCulture), reader.CustomMetadata["orleanseval.rows"]);

        Assert.Equal(expected.Take(3).Select(r => r.Id), Ids(limited));
        Assert.Equal(expected.Where(r => r.Actual is not null && r.Actual != r.Predicted).Select(r => r.Id), Ids(wrong));
    }

    [Theory]
    [InlineData("where=carrier%20%3D%20AA", "where")]
    [InlineData("where=location%20%3D%20Seattle&where=temp_max%20%3D%2010", "where[1]")]
    [InlineData("where=location%20~%20Seattle", "where")]
    [InlineData("format=xlsx", "format")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("from=2013-01-01T00:00:00Z&to=2014-01-03T00:00:00Z", "from")]
    [InlineData("slice=no-such-slice", "slice")]
    [InlineData("slice=carrier%20%3D%20AA", "slice")]
    [InlineData("labelled=yes", "labelled")]
    [InlineData("misclassified=1", "misclassified")]
    [InlineData("minError=0.5", "minError")]
    [InlineData("version=..", "version")]
    [InlineData("environment=staging", "environment")]
    [InlineData("to=yesterday", "to")]
    public async Task Examples_WithABadField_Is400NamingIt(string query, string field)
    {
        var id = NewModelId("badexamples");
        await new WeatherScenario(server.Client, Scenario).RegisterAsync(id);

        using var response = await server.Client.GetAsync($"/v1/models/{id}/examples?{query}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Examples_OfAnUnknownModel_Is404()
    {
        using var response = await server.Client.GetAsync($"/v1/models/{NewModelId("nomodel")}/examples");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "modelId");
    }

    [Fact]
    public async Task Examples_OfARegressorMisclassified_RequiresMinError()
    {
        var id = NewModelId("regressor");
        using var define = await server.Client.PutAsync($"/v1/models/{id}", Json("""{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}"""));
        define.EnsureSuccessStatusCode();

        using var missing = await server.Client.GetAsync($"/v1/models/{id}/examples?misclassified=true");
        using var given = await server.Client.GetAsync($"/v1/models/{id}/examples?misclassified=true&minError=0.5");

        await AssertProblemAsync(missing, HttpStatusCode.BadRequest, "minError");
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        Assert.Equal("""{"rows":0,"sampled":false}""", (await given.Content.ReadAsStringAsync()).Trim());
    }

    private static List<string> Ids(string ndjson) =>
    [
        .. ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!)
            .Where(n => n["predictionId"] is not null)
            .Select(n => n["predictionId"]!.GetValue<string>()),
    ];

    // A number the file wrote as 5.0 comes back as 5: both are compared in the file's spelling.
    private static string Normalise(JsonNode answered, JsonNode sent) =>
        sent.GetValueKind() == System.Text.Json.JsonValueKind.Number && answered.GetValue<double>() == sent.GetValue<double>()
            ? sent.ToJsonString()
            : answered.ToJsonString();
}
