using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Http;

[Collection(ServerTestGroup.Name)]
public sealed class RecordApiTests(ServerFixture server)
{
    private const string Model = """{"task": "binary_classification", "positiveLabel": "1", "negativeLabel": "0", "threshold": 0.5, "features": [{"name": "location", "type": "categorical"}, {"name": "temp_max", "type": "numeric"}], "tags": [{"name": "region", "type": "categorical"}]}""";

    private static string Record(string id, string features, string extra = "") =>
        $$"""{"predictionId": "{{id}}", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "environment": "production", "features": {{{features}}}, "prediction": {"label": "0", "score": 0.44}{{extra}}}""";

    private async Task<string> RegisterAsync()
    {
        var id = NewModelId("rec");
        using var response = await server.Client.PutAsync($"/v1/models/{id}", Json(Model));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    [Fact]
    public async Task Post_MixedBatch_KeepsEveryGoodRecordAndRejectsEachBadOneWithIndexAndReason()
    {
        var id = await RegisterAsync();
        string[] records =
        [
            Record("ok-0", "\"location\": \"Seattle\", \"temp_max\": 5.0"),
            Record("bad-1", "\"location\": \"Seattle\", \"temp_max\": \"warm\""),
            Record("bad-2", "\"location\": \"Seattle\", \"temp_max\": 1e400"),
            Record("bad-3", "\"location\": \"Seattle\", \"humidity\": 3"),
            """{"timestamp": "2013-01-01T00:00:00Z", "features": {}}""",
            """{"predictionId": "bad-5", "timestamp": "13 o'clock", "features": {}}""",
            Record("bad-6", "\"temp_max\": 1", ", \"actual\": {\"label\": \"maybe\"}").Replace("\"score\": 0.44", "\"score\": 1.5", StringComparison.Ordinal),
            Record("bad-7", "\"temp_max\": 1", ", \"actual\": {\"label\": \"maybe\"}"),
            Record("ok-8", "\"location\": \"New York\"", ", \"tags\": {\"region\": \"east\"}, \"actual\": {\"label\": 1}"),
        ];

        using var response = await server.Client.PostAsync($"/v1/models/{id}/records", Json($"[{string.Join(',', records)}]"));
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var rejected = answer["rejected"]!.AsArray().Select(r => (Index: r!["index"]!.GetValue<int>(), Error: r["error"]!.GetValue<string>())).ToList();
        var model = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}"))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, answer["accepted"]!.GetValue<int>());
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], rejected.Select(r => r.Index));
        Assert.StartsWith("features.temp_max: must be a number", rejected[0].Error, StringComparison.Ordinal);
        Assert.StartsWith("features.temp_max: must be a finite number", rejected[1].Error, StringComparison.Ordinal);
        Assert.StartsWith("features.humidity: not a feature", rejected[2].Error, StringComparison.Ordinal);
        Assert.StartsWith("predictionId: is required", rejected[3].Error, StringComparison.Ordinal);
        Assert.StartsWith("timestamp:", rejected[4].Error, StringComparison.Ordinal);
        Assert.StartsWith("prediction.score: must be a probability", rejected[5].Error, StringComparison.Ordinal);
        Assert.StartsWith("actual.label: must be the positive label", rejected[6].Error, StringComparison.Ordinal);
        Assert.Equal(2, model["series"]!.AsArray().Single()!["records"]!.GetValue<long>());
    }

    [Fact]
    public async Task Post_ScoreThatIsNotAFiniteNumber_IsRejected()
    {
        var id = await RegisterAsync();
        var body = $"[{Record("a", "\"temp_max\": 1").Replace("0.44", "1e400", StringComparison.Ordinal)}]";

        using var response = await server.Client.PostAsync($"/v1/models/{id}/records", Json(body));
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(0, answer["accepted"]!.GetValue<int>());
        Assert.StartsWith("prediction.score: must be a finite number", answer["rejected"]![0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MulticlassLabelsOutsideTheDeclaredClasses_AreRejectedAlone()
    {
        var id = NewModelId("multi");
        using var created = await server.Client.PutAsync($"/v1/models/{id}", Json("""{"task": "multiclass_classification", "classes": ["sun", "rain", "snow"], "features": [{"name": "t", "type": "numeric"}]}"""));
        var body = """
            [{"predictionId": "a", "timestamp": "2024-01-01T00:00:00Z", "features": {"t": 1}, "prediction": {"label": "rain"}, "actual": {"label": "snow"}},
             {"predictionId": "b", "timestamp": "2024-01-01T00:00:00Z", "features": {"t": 1}, "prediction": {"label": "hail"}},
             {"predictionId": "c", "timestamp": "2024-01-01T00:00:00Z", "features": {"t": 1}, "prediction": {"label": "sun"}, "actual": {"label": "fog"}}]
            """;

        using var response = await server.Client.PostAsync($"/v1/models/{id}/records", Json(body));
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        using var late = await server.Client.PostAsync($"/v1/models/{id}/actuals", Json("""[{"predictionId": "a", "actual": "drizzle"}]"""));
        var lateAnswer = (await late.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, answer["accepted"]!.GetValue<int>());
        Assert.StartsWith("prediction.label: 'hail' is not one of the model's classes", answer["rejected"]![0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("actual.label: 'fog' is not one of the model's classes", answer["rejected"]![1]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("actual.label: 'drizzle'", lateAnswer["rejected"]![0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Ndjson_IsAccepted()
    {
        var id = await RegisterAsync();
        var body = $"{Record("a", "\"temp_max\": 1")}\n{Record("b", "\"temp_max\": 2")}\n";

        using var response = await server.Client.PostAsync($"/v1/models/{id}/records", new StringContent(body, System.Text.Encoding.UTF8, "application/x-ndjson"));
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(2, answer["accepted"]!.GetValue<int>());
        Assert.Empty(answer["rejected"]!.AsArray());
    }

    [Fact]
    public async Task Post_UnknownModel_Is404()
    {
        using var response = await server.Client.PostAsync($"/v1/models/{NewModelId("ghost")}/records", Json($"[{Record("a", "")}]"));

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "modelId");
    }

    [Fact]
    public async Task Post_MalformedJson_Is400NamingThePosition()
    {
        var id = await RegisterAsync();

        using var response = await server.Client.PostAsync($"/v1/models/{id}/records", Json($"[{Record("a", "")},\n{{\"predictionId\": }}]"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "body");
        Assert.Contains("line 2", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyTwice_CountsTheBatchOnce()
    {
        var id = await RegisterAsync();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{id}/records") { Content = Json($"[{Record("a", "\"temp_max\": 1")}]") };
            request.Headers.Add("Idempotency-Key", "batch-1");
            using var response = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var model = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}"))!;

        Assert.Equal(1, model["series"]!.AsArray().Single()!["records"]!.GetValue<long>());
    }
}
