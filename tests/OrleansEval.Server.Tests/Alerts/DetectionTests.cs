using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using OrleansEval.Testing;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Alerts;

/// <summary>
/// Time to detection: monitors are evaluated when a batch (of records, or of late actuals) changes what they read, with no call to
/// <c>monitors:evaluate</c> and no reminder tick, and their alerts reach an SSE subscriber within seconds; monitors
/// whose inputs did not change are not evaluated, and a stream of batches costs at most one evaluation a second.
/// </summary>
public sealed class DetectionTests(DetectionServer server) : IClassFixture<DetectionServer>
{
    private static readonly TimeSpan Detection = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Start = new(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DriftedBatch_FiresOnTheStream_AndABatchBringingTheWindowBack_ResolvesIt()
    {
        var id = await ModelWithBaselineAsync("det");
        await PutMonitorAsync(id, "x-drift", """{"kind": "drift", "target": "x", "measure": "psi", "threshold": 0.2, "baseline": "training", "window": "1h", "minCount": 50}""");
        server.Factory.Clock.Set(Start.AddMinutes(30));
        await SendAsync(id, Records(300, Start.AddMinutes(5), x: i => Uniform(i)));
        await using var stream = new AlertStream(server.Client, id);

        var drifted = Stopwatch.StartNew();
        await SendAsync(id, Records(300, Start.AddMinutes(10), x: i => 5 + Uniform(i)));
        var firing = await stream.NextAsync(Detection);
        var firedAfter = drifted.Elapsed;

        server.Factory.Clock.Set(Start.AddHours(2).AddMinutes(30));
        var back = Stopwatch.StartNew();
        await SendAsync(id, Records(300, Start.AddHours(2).AddMinutes(5), x: i => Uniform(i)));
        var resolved = await stream.NextAsync(Detection);
        var resolvedAfter = back.Elapsed;

        Assert.Equal(("x-drift", "x", "firing"), (Text(firing, "monitor"), Text(firing, "target"), Text(firing, "state")));
        Assert.True(firing["value"]!.GetValue<double>() >= 0.2);
        Assert.Equal(("x-drift", "resolved"), (Text(resolved, "monitor"), Text(resolved, "state")));
        Assert.InRange(firedAfter, TimeSpan.Zero, Detection);
        Assert.InRange(resolvedAfter, TimeSpan.Zero, Detection);
        Assert.Equal(0, server.Evaluations(id, "x-drift", "demand"));
    }

    [Fact]
    public async Task VolumeMonitor_FiresOnTheStream_WhenRecordsStop()
    {
        var id = await ModelWithBaselineAsync("vol");
        var now = Start.AddDays(10);
        server.Factory.Clock.Set(now);
        await SendAsync(id, Records(200, now.AddMinutes(-20), x: i => Uniform(i)));
        await PutMonitorAsync(id, "traffic", """{"kind": "volume", "measure": "minRecords", "threshold": 100, "window": "1h"}""");
        await using var stream = new AlertStream(server.Client, id);
        await Eventually.UntilAsync(() => server.Evaluations(id, "traffic") >= 1, "the volume monitor evaluated while records flow", Detection);

        server.Factory.Clock.Set(now.AddHours(3));
        var stopped = await stream.NextAsync(Detection);

        Assert.Equal(("traffic", "records", "firing"), (Text(stopped, "monitor"), Text(stopped, "target"), Text(stopped, "state")));
        Assert.Equal(0, stopped["value"]!.GetValue<double>());
        Assert.Equal("below", Text(stopped, "direction"));
    }

    [Fact]
    public async Task LateActuals_FireAPerformanceMonitorOnTheStream()
    {
        var id = await ModelWithBaselineAsync("late");
        var at = Start.AddDays(40);
        server.Factory.Clock.Set(at.AddMinutes(30));
        await PutMonitorAsync(id, "accuracy", """{"kind": "performance", "measure": "accuracy", "threshold": 0.9, "window": "1h", "minCount": 50}""");
        await SendAsync(id, Records(200, at, x: i => Uniform(i), ids: "late"));
        await using var stream = new AlertStream(server.Client, id);

        // Every actual contradicts its prediction's label (score ≥ 0.5 is "1"), so the realised accuracy is 0.
        var actuals = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            actuals.Append(new JsonObject { ["predictionId"] = $"late-{i}", ["actual"] = new JsonObject { ["label"] = Uniform(i + 3) >= 0.5 ? "0" : "1" } }.ToJsonString()).Append('\n');
        }

        var late = Stopwatch.StartNew();
        using (var response = await server.Client.PostAsync($"/v1/models/{id}/actuals", new StringContent(actuals.ToString(), Encoding.UTF8, "application/x-ndjson")))
        {
            await AssertSuccessAsync(response);
        }

        var firing = await stream.NextAsync(Detection);

        Assert.Equal(("accuracy", "firing"), (Text(firing, "monitor"), Text(firing, "state")));
        Assert.Equal(0, firing["value"]!.GetValue<double>());
        Assert.InRange(late.Elapsed, TimeSpan.Zero, Detection);
    }

    [Fact]
    public async Task Batch_EvaluatesOnlyTheMonitorsThatReadWhatItChanged()
    {
        var id = await ModelWithBaselineAsync("idx");
        server.Factory.Clock.Set(Start.AddDays(20).AddMinutes(30));
        await PutMonitorAsync(id, "production-x", """{"kind": "drift", "target": "x", "measure": "psi", "threshold": 0.2, "baseline": "training", "window": "1h"}""");
        await PutMonitorAsync(id, "shadow-x", """{"kind": "drift", "target": "x", "measure": "psi", "threshold": 0.2, "baseline": "training", "window": "1h", "environment": "shadow"}""");
        await PutMonitorAsync(id, "shadow-accuracy", """{"kind": "performance", "measure": "accuracy", "threshold": 0.5, "window": "1h", "environment": "shadow"}""");

        await SendAsync(id, Records(100, Start.AddDays(20), x: i => Uniform(i)));
        await Eventually.UntilAsync(() => server.Evaluations(id, "production-x") >= 1, "the production monitor evaluated", Detection);
        await SendAsync(id, Records(100, Start.AddDays(20).AddMinutes(1), x: i => Uniform(i)));
        await Eventually.UntilAsync(() => server.Evaluations(id, "production-x") >= 2, "the production monitor evaluated again", Detection);

        Assert.Equal(0, server.Evaluations(id, "shadow-x"));
        Assert.Equal(0, server.Evaluations(id, "shadow-accuracy"));
    }

    [Fact]
    public async Task StreamOfBatches_CostsAtMostOneEvaluationPerMonitorPerInterval()
    {
        var id = await ModelWithBaselineAsync("coal");
        server.Factory.Clock.Set(Start.AddDays(30).AddMinutes(50));
        await PutMonitorAsync(id, "x-drift", """{"kind": "drift", "target": "x", "measure": "psi", "threshold": 0.2, "baseline": "training", "window": "1h"}""");

        const int Batches = 40;
        var sending = Stopwatch.StartNew();
        for (var batch = 0; batch < Batches; batch += 4)
        {
            await Task.WhenAll(Enumerable.Range(batch, 4).Select(b => SendAsync(id, Records(20, Start.AddDays(30).AddMinutes(b), x: i => Uniform(i)))));
        }

        await Eventually.UntilAsync(() => server.Evaluations(id, "x-drift") >= 1, "the monitor evaluated", Detection);
        var elapsed = sending.Elapsed + TimeSpan.FromSeconds(1);
        var evaluations = server.Evaluations(id, "x-drift");

        // One evaluation at once, then at most one per elapsed second (the interval), however many batches came.
        Assert.InRange(evaluations, 1, 1 + (long)elapsed.TotalSeconds);
        Assert.True(evaluations < Batches, $"{evaluations} evaluations for {Batches} batches");
    }

    [Theory]
    [InlineData("""{"kind": "volume", "measure": "records", "threshold": 10}""", "measure")]
    [InlineData("""{"kind": "volume", "measure": "minRecords"}""", "threshold")]
    [InlineData("""{"kind": "volume", "measure": "minRecords", "threshold": 0}""", "threshold")]
    [InlineData("""{"kind": "volume", "measure": "maxRecords", "threshold": 2.5}""", "threshold")]
    [InlineData("""{"kind": "volume", "measure": "maxRecords", "threshold": 10, "autoThresholdK": 2}""", "threshold")]
    [InlineData("""{"kind": "volume", "measure": "minRecords", "threshold": 10, "window": "30m"}""", "window")]
    public async Task PutVolumeMonitor_Invalid_Is400NamingTheField(string body, string field)
    {
        var id = NewModelId("volbad");
        using (var registered = await server.Client.PutAsJsonAsync($"/v1/models/{id}", Definition()))
        {
            await AssertSuccessAsync(registered);
        }

        using var response = await server.Client.PutAsync($"/v1/models/{id}/monitors/bad", Json(body));

        await AssertProblemAsync(response, System.Net.HttpStatusCode.BadRequest, field);
    }

    private static JsonObject Definition() => new()
    {
        ["task"] = "binary_classification",
        ["positiveLabel"] = "1",
        ["negativeLabel"] = "0",
        ["threshold"] = 0.5,
        ["bucket"] = "1h",
        ["features"] = new JsonArray(new JsonObject { ["name"] = "x", ["type"] = "numeric" }, new JsonObject { ["name"] = "y", ["type"] = "numeric" }),
    };

    private async Task<string> ModelWithBaselineAsync(string prefix)
    {
        var id = NewModelId(prefix);
        using (var registered = await server.Client.PutAsJsonAsync($"/v1/models/{id}", Definition()))
        {
            await AssertSuccessAsync(registered);
        }

        await SendAsync(id, Records(500, Start.AddYears(-1), x: i => Uniform(i), environment: "training"));
        using var frozen = await server.Client.PutAsJsonAsync($"/v1/models/{id}/baselines/training", new JsonObject { ["version"] = "default", ["environment"] = "training", ["bins"] = 10 });
        await AssertSuccessAsync(frozen);
        return id;
    }

    private async Task PutMonitorAsync(string id, string name, string body)
    {
        using var response = await server.Client.PutAsync($"/v1/models/{id}/monitors/{name}", Json(body));
        await AssertSuccessAsync(response);
    }

    private async Task SendAsync(string id, string ndjson)
    {
        using var response = await server.Client.PostAsync($"/v1/models/{id}/records", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
        await AssertSuccessAsync(response);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Empty(answer["rejected"]!.AsArray());
    }

    private static async Task AssertSuccessAsync(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

    // Evenly spread in [0, 1): the same shape as the baseline's, whatever the count.
    private static double Uniform(int i) => (i * 0.618034) % 1;

    // With ids, the records are named ids-0, ids-1, … and carry no actual (it comes late).
    private static string Records(int count, DateTimeOffset at, Func<int, double> x, string environment = "production", string? ids = null)
    {
        var body = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var record = new JsonObject
            {
                ["predictionId"] = ids is null ? $"p-{Guid.NewGuid():N}" : $"{ids}-{i}",
                ["timestamp"] = at.AddSeconds(i % 60).ToString("O", CultureInfo.InvariantCulture),
                ["environment"] = environment,
                ["features"] = new JsonObject { ["x"] = x(i), ["y"] = Uniform(i + 7) },
                ["prediction"] = new JsonObject { ["score"] = Uniform(i + 3) },
            };
            if (ids is null)
            {
                record["actual"] = new JsonObject { ["label"] = i % 2 == 0 ? "1" : "0" };
            }

            body.Append(record.ToJsonString()).Append('\n');
        }

        return body.ToString();
    }

    private static string Text(JsonObject alert, string field) => alert[field]!.GetValue<string>();

    /// <summary>One model's alerts on the SSE stream, read in the background from the moment it is opened.</summary>
    private sealed class AlertStream : IAsyncDisposable
    {
        private readonly CancellationTokenSource _cancel = new(TimeSpan.FromSeconds(120));
        private readonly Channel<JsonObject> _alerts = Channel.CreateUnbounded<JsonObject>();
        private readonly Task _reading;

        public AlertStream(HttpClient client, string id) => _reading = ReadAsync(client, id);

        public async Task<JsonObject> NextAsync(TimeSpan within)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
            deadline.CancelAfter(within);
            try
            {
                return await _alerts.Reader.ReadAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"no alert on the stream within {within.TotalSeconds:F0} s");
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _cancel.CancelAsync();
            try
            {
                await _reading;
            }
            catch (OperationCanceledException)
            {
                // The stream was closed by the test.
            }

            _cancel.Dispose();
        }

        private async Task ReadAsync(HttpClient client, string id)
        {
            using var response = await client.GetAsync($"/v1/alerts/stream?model={id}", HttpCompletionOption.ResponseHeadersRead, _cancel.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_cancel.Token));
            while (await reader.ReadLineAsync(_cancel.Token) is { } line)
            {
                if (line.StartsWith("data: {\"sequence\"", StringComparison.Ordinal))
                {
                    _alerts.Writer.TryWrite(JsonNode.Parse(line[6..])!.AsObject());
                }
            }
        }
    }
}
