using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Alerts;

/// <summary>Monitors over HTTP, the alert history, and the Server-Sent Events stream with Last-Event-ID resumption.</summary>
[Collection(ServerTestGroup.Name)]
public sealed class AlertApiTests(ServerFixture server)
{
    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "Scenario");

    private const string WindMonitor = """{"kind": "drift", "target": "wind", "measure": "psi", "threshold": 0.2, "baseline": "training", "version": "v1", "window": "30d", "minCount": 10}""";

    [Fact]
    public async Task SseAndWatchAlerts_DeliverTheSameAlertsInOrder_AndSseResumesFromLastEventIdWithoutLoss()
    {
        var id = NewModelId("sse");
        await new WeatherScenario(server.Client, Scenario).ReplayAsync(id);
        using var defined = await server.Client.PutAsync($"/v1/models/{id}/monitors/wind", Json(WindMonitor));
        Assert.Equal(HttpStatusCode.OK, defined.StatusCode);

        using var live = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stream = ReadEventsAsync($"/v1/alerts/stream?model={id}", lastEventId: null, live.Token);

        var raised = new List<long>();
        for (var month = new DateTimeOffset(2013, 2, 1, 0, 0, 0, TimeSpan.Zero); month < new DateTimeOffset(2014, 2, 1, 0, 0, 0, TimeSpan.Zero); month = month.AddMonths(1))
        {
            server.Factory.Clock.Set(month);
            using var evaluated = await server.Client.PostAsync($"/v1/models/{id}/monitors:evaluate", null);
            var answer = (await evaluated.Content.ReadFromJsonAsync<JsonObject>())!;
            raised.AddRange(answer["alerts"]!.AsArray().Select(a => a!["sequence"]!.GetValue<long>()));
        }

        Assert.True(raised.Count >= 2, $"wind raised {raised.Count} alerts in 2013");
        var streamed = await TakeAsync(stream, raised.Count);
        live.Cancel();
        var resumed = await TakeAsync(ReadEventsAsync($"/v1/alerts/stream?model={id}", raised[0].ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None), raised.Count - 1);
        var listed = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/alerts?model={id}"))!;
        using var channel = Grpc.ProtoRecords.Channel(server.Factory);
        var client = new OrleansEval.Client.OrleansEvalClient(server.Client, channel);
        var overGrpc = new List<long>();
        using var grpcCancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var alert in client.WatchAlertsGrpcAsync(0, id, grpcCancel.Token))
        {
            overGrpc.Add(alert.Sequence);
            if (overGrpc.Count == raised.Count)
            {
                break;
            }
        }

        Assert.Equal(raised, streamed.Select(e => e.Id));
        Assert.All(streamed, e => Assert.Equal("alert", e.Event));
        Assert.Equal(raised.Skip(1), resumed.Select(e => e.Id));
        Assert.Equal(raised, overGrpc);
        Assert.Equal(raised, listed["alerts"]!.AsArray().Select(a => a!["sequence"]!.GetValue<long>()));
        Assert.Equal("firing", listed["alerts"]![0]!["state"]!.GetValue<string>());
        Assert.Equal(3, listed["alerts"]![0]!["bins"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("""{"kind": "drift", "target": "humidity", "measure": "psi", "threshold": 0.2, "baseline": "training"}""", "target")]
    [InlineData("""{"kind": "drift", "target": "wind", "measure": "entropy", "threshold": 0.2, "baseline": "training"}""", "measure")]
    [InlineData("""{"kind": "drift", "target": "wind", "measure": "psi", "threshold": -0.2, "baseline": "training"}""", "threshold")]
    [InlineData("""{"kind": "drift", "target": "wind", "measure": "psi", "threshold": 0.2, "baseline": "training", "window": "30m"}""", "window")]
    [InlineData("""{"kind": "drift", "target": "wind", "measure": "psi", "threshold": 0.2}""", "baseline")]
    [InlineData("""{"kind": "performance", "measure": "accuracy", "threshold": 1.5}""", "threshold")]
    [InlineData("""{"kind": "forecast", "measure": "accuracy", "threshold": 0.5}""", "kind")]
    public async Task PutMonitor_Invalid_Is400NamingTheField(string body, string field)
    {
        var id = NewModelId("mon");
        var scenario = new WeatherScenario(server.Client, Scenario);
        await scenario.RegisterAsync(id);
        await scenario.SendAsync(id, WeatherScenario.ReferenceFile, "training");
        await scenario.FreezeBaselineAsync(id);

        using var response = await server.Client.PutAsync($"/v1/models/{id}/monitors/bad", Json(body));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    private async IAsyncEnumerable<(long Id, string Event)> ReadEventsAsync(string path, string? lastEventId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        long id = 0;
        string? name = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.Length == 0 && name is not null)
            {
                yield return (id, name);
                name = null;
            }
        }
    }

    private static async Task<List<(long Id, string Event)>> TakeAsync(IAsyncEnumerable<(long Id, string Event)> events, int count)
    {
        var taken = new List<(long, string)>();
        await foreach (var item in events)
        {
            taken.Add(item);
            if (taken.Count == count)
            {
                break;
            }
        }

        return taken;
    }
}
