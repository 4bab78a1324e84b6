using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansEval.Client.Tests;

public sealed class OrleansEvalClientTests
{
    private static readonly Uri Server = new("http://store.test/");

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, status == HttpStatusCode.OK ? "application/json" : "application/problem+json") };

    private static HttpResponseMessage Overloaded()
    {
        var response = Json(HttpStatusCode.TooManyRequests, """{"title": "Too many requests", "detail": "body: the label-join buffer is full", "field": "body"}""");
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
        return response;
    }

    private static HttpResponseMessage Events(string text) =>
        new(HttpStatusCode.OK) { Content = new StringContent(text, Encoding.UTF8, "text/event-stream") };

    private static PredictionRecord Record => new()
    {
        PredictionId = "w-1",
        Timestamp = new DateTimeOffset(2013, 1, 1, 12, 0, 0, TimeSpan.FromHours(2)),
        Version = "v1",
        Features = new Dictionary<string, object?> { ["location"] = "Seattle", ["temp_max"] = 5.5, ["days"] = 3, ["rain"] = true, ["wind"] = null },
        Prediction = new Prediction("0", 0.25),
        Actual = new Actual("1"),
    };

    [Fact]
    public async Task SendRecordsAsync_Overloaded_WaitsAndSendsAgainUnderTheSameKey()
    {
        var handler = new StubHandler(_ => Overloaded(), _ => Json(HttpStatusCode.OK, """{"accepted": 1, "rejected": [{"index": 1, "error": "predictionId: is required"}]}"""));
        var client = new OrleansEvalClient(new HttpClient(handler) { BaseAddress = Server });

        var answer = await client.SendRecordsAsync("wet", [Record]);

        var requests = handler.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal("http://store.test/v1/models/wet/records", requests[0].Request.RequestUri!.ToString());
        Assert.Equal(requests[0].Request.Headers.GetValues("Idempotency-Key"), requests[1].Request.Headers.GetValues("Idempotency-Key"));
        Assert.Equal(1, answer.Accepted);
        Assert.Equal(new Rejection(1, "predictionId: is required"), Assert.Single(answer.Rejected));
    }

    [Fact]
    public async Task SendRecordsAsync_OverloadedBeyondTheRetries_ThrowsWithTheProblem()
    {
        var handler = new StubHandler(_ => Overloaded(), _ => Overloaded(), _ => Overloaded());
        var client = new OrleansEvalClient(new HttpClient(handler) { BaseAddress = Server }) { MaxOverloadRetries = 2 };

        var error = await Assert.ThrowsAsync<OrleansEvalException>(() => client.SendRecordsAsync("wet", [Record]));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("body", error.Field);
        Assert.StartsWith("body: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task SendRecordsAsync_Record_IsWrittenInTheApiShape()
    {
        var handler = new StubHandler(_ => Json(HttpStatusCode.OK, """{"accepted": 1, "rejected": []}"""));
        var client = new OrleansEvalClient(new HttpClient(handler) { BaseAddress = Server });

        await client.SendRecordsAsync("wet", [Record]);

        var record = JsonNode.Parse(handler.Requests.Single().Body!)!.AsArray().Single()!;
        Assert.Equal("2013-01-01T10:00:00Z", record["timestamp"]!.GetValue<string>());
        Assert.Equal("""{"location":"Seattle","temp_max":5.5,"days":3,"rain":true,"wind":null}""", record["features"]!.ToJsonString());
        Assert.Equal("""{"label":"0","score":0.25}""", record["prediction"]!.ToJsonString());
        Assert.Equal("""{"label":"1"}""", record["actual"]!.ToJsonString());
        Assert.Null(record["environment"]);
    }

    [Fact]
    public async Task GetDriftAsync_BadRequest_ThrowsNamingTheField()
    {
        var handler = new StubHandler(_ => Json(HttpStatusCode.BadRequest, """{"title": "Invalid request", "detail": "baseline: is required", "field": "baseline"}"""));
        var client = new OrleansEvalClient(new HttpClient(handler) { BaseAddress = Server });

        var error = await Assert.ThrowsAsync<OrleansEvalException>(() => client.GetDriftAsync("wet", "training", from: new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal("baseline", error.Field);
        Assert.Equal("/v1/models/wet/drift?baseline=training&from=2013-01-01T00%3A00%3A00Z", handler.Requests.Single().Request.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task InvestigationReads_AskTheirEndpointsWithEveryParameterEscaped()
    {
        var handler = new StubHandler(_ => Json(HttpStatusCode.OK, "{}"), _ => Json(HttpStatusCode.OK, "{}"), _ => Json(HttpStatusCode.OK, "{}"));
        var client = new OrleansEvalClient(new HttpClient(handler) { BaseAddress = Server });
        var from = new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);

        using var compared = await client.CompareAsync("wet", ["v1", "v2@shadow"], from: from, metric: "rocAuc", minSize: 50);
        using var skew = await client.GetSkewAsync("wet", "training", version: "v1", tolerance: 0.001);
        using var cause = await client.GetRootCauseAsync("wet", "training", from: from, slice: "young users");

        Assert.Equal(
            [
                "/v1/models/wet/compare?versions=v1%2Cv2%40shadow&from=2013-01-01T00%3A00%3A00Z&metric=rocAuc&minSize=50",
                "/v1/models/wet/skew?reference=training&version=v1&tolerance=0.001",
                "/v1/models/wet/root-cause?baseline=training&from=2013-01-01T00%3A00%3A00Z&slice=young%20users",
            ],
            handler.Requests.Select(r => r.Request.RequestUri!.PathAndQuery));
    }

    [Fact]
    public async Task ValidateAsync_PostsTheSeriesAndBaseline_AndReadsTheStoredReportBack()
    {
        var handler = new StubHandler(
            _ => Json(HttpStatusCode.OK, """{"id": "v-1", "verdict": "pass"}"""),
            _ => Json(HttpStatusCode.OK, """{"id": "v-1", "verdict": "pass"}"""));
        var client = new OrleansEvalClient(new HttpClient(handler) { BaseAddress = Server });

        using var report = await client.ValidateAsync("wet", "v2@validation", "v1@validation", "prod-march", from: new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var again = await client.GetValidationAsync("wet", report.RootElement.GetProperty("id").GetString()!);

        using var sent = JsonDocument.Parse(handler.Requests.First().Body!);
        Assert.Equal("v2", sent.RootElement.GetProperty("candidate").GetProperty("version").GetString());
        Assert.Equal("validation", sent.RootElement.GetProperty("reference").GetProperty("environment").GetString());
        Assert.Equal("prod-march", sent.RootElement.GetProperty("production").GetProperty("baseline").GetString());
        Assert.Equal("2013-01-01T00:00:00Z", sent.RootElement.GetProperty("from").GetString());
        Assert.False(sent.RootElement.TryGetProperty("to", out _));
        Assert.Equal(["/v1/models/wet/validations", "/v1/models/wet/validations/v-1"], handler.Requests.Select(r => r.Request.RequestUri!.PathAndQuery));
    }

    [Fact]
    public async Task WatchAlertsAsync_StreamEnds_ReconnectsFromTheLastEventIdAndPassesLaggedNotices()
    {
        var handler = new StubHandler(
            _ => Events("event: alert\nid: 3\ndata: {\"sequence\": 3, \"modelId\": \"wet\", \"state\": \"firing\", \"value\": 0.31, \"bins\": [{\"bin\": \"Seattle\", \"baseline\": 0.5, \"current\": 0.9}]}\n\n"),
            _ => Events("event: lagged\ndata: {}\n\n"),
            _ => Events("event: alert\nid: 9\ndata: {\"sequence\": 9, \"modelId\": \"wet\", \"state\": \"resolved\"}\n\n"));
        var client = new OrleansEvalClient(new HttpClient(handler) { BaseAddress = Server }) { ReconnectDelay = TimeSpan.Zero };
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var events = new List<AlertEvent>();
        await foreach (var item in client.WatchAlertsAsync(afterSequence: 1, modelId: "wet", cancellationToken: cancel.Token))
        {
            events.Add(item);
            if (events.Count == 3)
            {
                break;
            }
        }

        var requests = handler.Requests.Select(r => r.Request).ToList();
        Assert.Equal(["1", "3", "3"], requests.Select(r => r.Headers.GetValues("Last-Event-ID").Single()));
        Assert.Equal("/v1/alerts/stream?after=1&modelId=wet", requests[0].RequestUri!.PathAndQuery);
        Assert.Equal((3, "firing", 0.31), (events[0].Sequence, events[0].State, events[0].Value));
        Assert.Equal(new AlertEventBin("Seattle", 0.5, 0.9), Assert.Single(events[0].Bins));
        Assert.True(events[1].Lagged);
        Assert.Equal((9, "resolved"), (events[2].Sequence, events[2].State));
    }

    [Fact]
    public async Task WatchAlertsGrpcAsync_WithoutAChannel_Throws()
    {
        var client = new OrleansEvalClient(new HttpClient());

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in client.WatchAlertsGrpcAsync())
            {
            }
        });
    }
}
