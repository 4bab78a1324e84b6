using System.Net;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Http;

/// <summary>Request limits are configuration: a server with small limits answers 413 and 400, and keeps running.</summary>
public sealed class LimitTests : IAsyncLifetime
{
    private ServerFactory? _factory;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _factory = new ServerFactory(settings: new Dictionary<string, string>
        {
            ["Gateway:MaxBodyBytes"] = "4096",
            ["Gateway:MaxRecordsPerRequest"] = "3",
            ["Gateway:MaxColumnsPerModel"] = "2",
            ["OrleansEval:JoinShards"] = "1",
            ["OrleansEval:JoinCapacityPerShard"] = "4",
            ["OrleansEval:JoinRetryAfterSeconds"] = "7",
        });
        _client = _factory.CreateClient();
        using var response = await _client.PutAsync("/v1/models/limits", Json("""{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private static string Records(int count) =>
        $"[{string.Join(',', Enumerable.Range(0, count).Select(i => $$$"""{"predictionId": "{{{i}}}", "timestamp": "2024-01-01T00:00:00Z", "features": {"x": {{{i}}}}}"""))}]";

    [Fact]
    public async Task Post_BodyOverTheLimit_Is413AndTheServerStillAnswers()
    {
        using var tooLarge = await _client.PostAsync("/v1/models/limits/records", Json(Records(3) + new string(' ', 5000)));
        using var fine = await _client.PostAsync("/v1/models/limits/records", Json(Records(3)));

        await AssertProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Post_ActualsWhenTheLabelJoinIsFull_Is429WithRetryAfter_AndPredictionsAreStillTaken()
    {
        using var model = await _client.PutAsync("/v1/models/joins", Json("""{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}"""));
        static string Actuals(int from) => $"[{string.Join(',', Enumerable.Range(from, 3).Select(i => $$$"""{"predictionId": "{{{i}}}", "actual": {"value": 1.5}}"""))}]";
        static string Predictions(int from) => $"[{string.Join(',', Enumerable.Range(from, 3).Select(i => $$$"""{"predictionId": "{{{i}}}", "timestamp": "2024-01-01T00:00:00Z", "features": {"x": {{{i}}}}, "prediction": {"value": 1.5}}"""))}]";

        // Room for 4 actuals waiting for their predictions: 3 are held, 3 more might not fit; predictions take no room.
        using var held = await _client.PostAsync("/v1/models/joins/actuals", Json(Actuals(0)));
        using var full = await _client.PostAsync("/v1/models/joins/actuals", Json(Actuals(3)));
        using var predictions = await _client.PostAsync("/v1/models/joins/records", Json(Predictions(10)));
        var description = await _client.GetStringAsync("/v1/models/joins");

        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal((HttpStatusCode)429, full.StatusCode);
        Assert.Equal("7", full.Headers.GetValues("Retry-After").Single());
        Assert.Contains("\"accepted\":0", await full.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, predictions.StatusCode);
        Assert.Contains("\"records\":3", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ModelWithMoreColumnsThanTheLimit_Is400()
    {
        using var response = await _client.PutAsync("/v1/models/wide", Json("""{"task": "regression", "features": [{"name": "a", "type": "numeric"}, {"name": "b", "type": "numeric"}, {"name": "c", "type": "numeric"}]}"""));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "features");
        Assert.Contains("at most 2", problem["detail"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MoreRecordsThanTheLimit_Is400()
    {
        using var response = await _client.PostAsync("/v1/models/limits/records", Json(Records(4)));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "body");
        Assert.Contains("at most 3", problem["detail"]!.ToString(), StringComparison.Ordinal);
    }
}
