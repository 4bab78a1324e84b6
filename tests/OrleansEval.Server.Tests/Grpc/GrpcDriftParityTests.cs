using System.Text.Json.Nodes;
using Grpc.Core;
using OrleansEval.Gateway.Grpc.V1;
using Record = OrleansEval.Gateway.Grpc.V1.Record;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;
using GrpcClient = OrleansEval.Gateway.Grpc.V1.OrleansEval.OrleansEvalClient;

namespace OrleansEval.Server.Tests.Grpc;

/// <summary>The weather scenario sent over HTTP and over gRPC (unary and client streaming) answers the same drift.</summary>
[Collection(ServerTestGroup.Name)]
public sealed class GrpcDriftParityTests(ServerFixture server)
{
    private const int BatchSize = 500;

    private static string Scenario => Path.Combine(AppContext.BaseDirectory, "Scenario");

    private static readonly (string From, string To)[] Months =
    [
        ("2013-01-01T00:00:00Z", "2013-02-01T00:00:00Z"),
        ("2013-07-01T00:00:00Z", "2013-08-01T00:00:00Z"),
        ("2014-03-01T00:00:00Z", "2014-04-01T00:00:00Z"),
        ("2015-12-01T00:00:00Z", "2016-01-01T00:00:00Z"),
    ];

    private static List<Record[]> Batches(string file, string environment) =>
        [.. File.ReadLines(Path.Combine(Scenario, file)).Where(l => l.Length > 0)
            .Select(l => ProtoRecords.FromJson(WeatherScenario.ToRecord(l, environment, withActual: true)))
            .Chunk(BatchSize)];

    private static IngestRequest Request(string modelId, IEnumerable<Record> records)
    {
        var request = new IngestRequest { ModelId = modelId };
        request.Records.AddRange(records);
        return request;
    }

    private static async Task<int> SendUnaryAsync(GrpcClient client, string modelId, string file, string environment)
    {
        var accepted = 0;
        foreach (var batch in Batches(file, environment))
        {
            var reply = await client.IngestAsync(Request(modelId, batch));
            Assert.Empty(reply.Rejected);
            accepted += reply.Accepted;
        }

        return accepted;
    }

    private static async Task<int> SendStreamAsync(GrpcClient client, string modelId, string file, string environment)
    {
        using var call = client.IngestStream();
        foreach (var batch in Batches(file, environment))
        {
            await call.RequestStream.WriteAsync(Request(modelId, batch));
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call;
        Assert.Empty(reply.Rejected);
        return reply.Accepted;
    }

    private async Task<string> DriftAsync(string modelId, (string From, string To) month)
    {
        var json = await server.Client.GetStringAsync(
            $"/v1/models/{modelId}/drift?baseline={WeatherScenario.Baseline}&version={WeatherScenario.Version}&environment=production&from={month.From}&to={month.To}");
        return json.Replace($"\"modelId\":\"{modelId}\"", "\"modelId\":\"*\"", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_WeatherScenarioOverUnaryAndStreamingGrpc_GivesByteIdenticalDriftToHttp()
    {
        var (overHttp, unary, streamed) = (NewModelId("http"), NewModelId("unary"), NewModelId("stream"));
        var scenario = new WeatherScenario(server.Client, Scenario);
        using var channel = ProtoRecords.Channel(server.Factory);
        var client = new GrpcClient(channel);
        foreach (var id in new[] { overHttp, unary, streamed })
        {
            await scenario.RegisterAsync(id);
        }

        var trainingCounts = new[]
        {
            await scenario.SendAsync(overHttp, WeatherScenario.ReferenceFile, "training", BatchSize),
            await SendUnaryAsync(client, unary, WeatherScenario.ReferenceFile, "training"),
            await SendStreamAsync(client, streamed, WeatherScenario.ReferenceFile, "training"),
        };
        foreach (var id in new[] { overHttp, unary, streamed })
        {
            await scenario.FreezeBaselineAsync(id);
        }

        var productionCounts = new[]
        {
            await scenario.SendAsync(overHttp, WeatherScenario.ProductionFile, "production", BatchSize),
            await SendUnaryAsync(client, unary, WeatherScenario.ProductionFile, "production"),
            await SendStreamAsync(client, streamed, WeatherScenario.ProductionFile, "production"),
        };

        Assert.Equal([732, 732, 732], trainingCounts);
        Assert.Equal([2190, 2190, 2190], productionCounts);
        foreach (var month in Months)
        {
            var expected = await DriftAsync(overHttp, month);
            Assert.Equal(expected, await DriftAsync(unary, month));
            Assert.Equal(expected, await DriftAsync(streamed, month));
            Assert.True(JsonNode.Parse(expected)!["count"]!.GetValue<long>() > 0, $"no records in {month.From}");
        }
    }

    [Fact]
    public async Task GetDriftAndGetPerformance_OverGrpc_AnswerTheHttpDocumentItself()
    {
        var id = NewModelId("wet");
        await new WeatherScenario(server.Client, Scenario).ReplayAsync(id);
        using var channel = ProtoRecords.Channel(server.Factory);
        var client = new GrpcClient(channel);
        var (from, to) = Months[1];

        var drift = await client.GetDriftAsync(new DriftRequest { ModelId = id, Baseline = "training", Version = "v1", Environment = "production", From = from, To = to });
        var performance = await client.GetPerformanceAsync(new PerformanceRequest { ModelId = id, Version = "v1", From = from, To = to, Granularity = "1d" });

        Assert.Equal(
            await server.Client.GetStringAsync($"/v1/models/{id}/drift?baseline=training&version=v1&environment=production&from={from}&to={to}"),
            drift.Json);
        Assert.Equal(
            await server.Client.GetStringAsync($"/v1/models/{id}/performance?version=v1&from={from}&to={to}&granularity=1d"),
            performance.Json);
    }

    [Fact]
    public async Task GetDrift_OverGrpcWithoutBaselineOrWithABadWindow_IsInvalidArgumentWithTheHttpDetail()
    {
        var id = NewModelId("wet");
        await new WeatherScenario(server.Client, Scenario).RegisterAsync(id);
        using var channel = ProtoRecords.Channel(server.Factory);
        var client = new GrpcClient(channel);

        var missing = await Assert.ThrowsAsync<RpcException>(() => client.GetDriftAsync(new DriftRequest { ModelId = id }).ResponseAsync);
        var badTime = await Assert.ThrowsAsync<RpcException>(() => client.GetDriftAsync(new DriftRequest { ModelId = id, Baseline = "training", From = "then" }).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.GetPerformanceAsync(new PerformanceRequest { ModelId = NewModelId("none") }).ResponseAsync);
        using var http = await server.Client.GetAsync($"/v1/models/{id}/drift?baseline=training&from=then");
        var problem = JsonNode.Parse(await http.Content.ReadAsStringAsync())!;

        Assert.Equal(StatusCode.InvalidArgument, missing.StatusCode);
        Assert.StartsWith("baseline: is required", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, badTime.StatusCode);
        Assert.Equal(problem["detail"]!.GetValue<string>(), badTime.Status.Detail);
        Assert.Equal("from", badTime.Trailers.GetValue("field"));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
