using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using OrleansEval.Testing;
using OrleansEval.Gateway.Admission;
using OrleansEval.Gateway.Grpc.V1;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;
using GrpcClient = OrleansEval.Gateway.Grpc.V1.OrleansEval.OrleansEvalClient;

namespace OrleansEval.Server.Tests.Grpc;

/// <summary>
/// gRPC ingest shares the node's admission slots with HTTP, taken once a message has arrived: while the node works on
/// another ingest, unary ingest and actuals are RESOURCE_EXHAUSTED with a retry-after trailer and HTTP ingest is 429, and
/// a refused batch sent again counts once; an open stream holds a slot only while one of its messages is handled.
/// </summary>
public sealed class GrpcAdmissionTests : IAsyncLifetime
{
    private ServerFactory? _factory;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new ServerFactory(settings: new Dictionary<string, string>
        {
            ["Gateway:Admission:MaxConcurrentIngests"] = "1",
            ["Gateway:Admission:MaxQueuedIngests"] = "0",
        });
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private static IngestRequest Records(string modelId, string? key, int from, int count)
    {
        var request = new IngestRequest { ModelId = modelId };
        if (key is not null)
        {
            request.IdempotencyKey = key;
        }

        request.Records.AddRange(Enumerable.Range(from, count).Select(i => ProtoRecords.FromJson(JsonNode.Parse(
            $$$"""{"predictionId": "p-{{{i}}}", "timestamp": "2024-01-01T00:00:00Z", "features": {"x": {{{i}}}}}""")!.AsObject())));
        return request;
    }

    private async Task<long> CountedAsync(string modelId)
    {
        var model = (await _client.GetFromJsonAsync<JsonObject>($"/v1/models/{modelId}"))!;
        return model["series"]!.AsArray().Sum(s => s!["records"]!.GetValue<long>());
    }

    private AdmissionLimiter Limiter => _factory!.Services.GetRequiredService<AdmissionLimiter>();

    private async Task<string> NewModelAsync()
    {
        var id = NewModelId("admit");
        using var created = await _client.PutAsync($"/v1/models/{id}", Json("""{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return id;
    }

    [Fact]
    public async Task Ingest_WhileTheNodeWorksOnAnotherIngest_IsResourceExhaustedWithRetryAfter_AndTheResentBatchCountsOnce()
    {
        var id = await NewModelAsync();
        using var watch = new AdmissionWatch(_factory!.Services);
        using var channel = ProtoRecords.Channel(_factory);
        var client = new GrpcClient(channel);

        // Another ingest at work holds the only slot.
        var working = await Limiter.TryEnterAsync("http", CancellationToken.None);
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.IngestAsync(Records(id, "second", 3, 2)).ResponseAsync);
        var refusedActuals = await Assert.ThrowsAsync<RpcException>(() => client.SendActualsAsync(new ActualsRequest
        {
            ModelId = id,
            Actuals = { new ActualItem { PredictionId = "p-0", Actual = new Actual { Value = 1.5 } } },
        }).ResponseAsync);
        using var overHttp = await _client.PostAsync($"/v1/models/{id}/records", Json("""[{"predictionId": "h", "timestamp": "2024-01-01T00:00:00Z", "features": {"x": 1}}]"""));
        var countedWhileHeld = await CountedAsync(id);
        working!.Dispose();
        var resent = await client.IngestAsync(Records(id, "second", 3, 2));
        var countedAfterResent = await CountedAsync(id);

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.StartsWith("records: ", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("records", refused.Trailers.GetValue("field"));
        Assert.True(int.Parse(refused.Trailers.GetValue("retry-after")!, CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(StatusCode.ResourceExhausted, refusedActuals.StatusCode);
        Assert.Equal("actuals", refusedActuals.Trailers.GetValue("field"));
        Assert.NotNull(refusedActuals.Trailers.GetValue("retry-after"));
        await AssertProblemAsync(overHttp, HttpStatusCode.TooManyRequests, "body");
        Assert.Equal(2, watch.RefusedCount("grpc"));
        Assert.Equal(1, watch.RefusedCount("http"));
        Assert.Equal(0, countedWhileHeld);
        Assert.Equal(2, resent.Accepted);
        Assert.Equal(2, countedAfterResent);
    }

    [Fact]
    public async Task IngestStream_HoldsNoSlotWhileItWaitsForItsClient_AndTakesOneForEachMessage()
    {
        var id = await NewModelAsync();
        using var channel = ProtoRecords.Channel(_factory!);
        var client = new GrpcClient(channel);
        using var stream = client.IngestStream();
        await stream.RequestStream.WriteAsync(Records(id, "first", 0, 3));
        await Eventually.UntilAsync(() => CountedAsync(id), counted => counted == 3, counted => $"{counted} records counted, 3 expected", TimeSpan.FromSeconds(10));

        // The grains count a message before its call returns and gives its slot back: wait for that too.
        await Eventually.UntilAsync(() => Limiter.InFlight == 0, "the stream's first message gave its slot back", TimeSpan.FromSeconds(10));

        // The stream is open and idle: a unary call gets the only slot.
        var unary = await client.IngestAsync(Records(id, "unary", 3, 2));
        var working = await Limiter.TryEnterAsync("http", CancellationToken.None);
        await stream.RequestStream.WriteAsync(Records(id, "second", 5, 4));
        await stream.RequestStream.CompleteAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseAsync);
        working!.Dispose();
        var counted = await CountedAsync(id);

        Assert.Equal(2, unary.Accepted);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("message 1 of the stream", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("records", refused.Trailers.GetValue("field"));
        Assert.Equal(5, counted);
    }
}
