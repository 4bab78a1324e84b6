using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using OrleansEval.Gateway.Grpc.V1;
using Record = OrleansEval.Gateway.Grpc.V1.Record;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Value = OrleansEval.Gateway.Grpc.V1.Value;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;
using GrpcClient = OrleansEval.Gateway.Grpc.V1.OrleansEval.OrleansEvalClient;

namespace OrleansEval.Server.Tests.Grpc;

/// <summary>Bad records and actuals over gRPC are rejected one by one with the messages HTTP gives; whole-call faults are statuses.</summary>
[Collection(ServerTestGroup.Name)]
public sealed class GrpcRecordTests(ServerFixture server)
{
    private const string Model = """{"task": "binary_classification", "positiveLabel": "1", "negativeLabel": "0", "threshold": 0.5, "features": [{"name": "location", "type": "categorical"}, {"name": "temp_max", "type": "numeric"}], "tags": [{"name": "region", "type": "categorical"}]}""";

    private static readonly string TooLong = new('x', 513);

    /// <summary>Records that break one rule each, written as JSON; the same JSON becomes the protobuf record.</summary>
    private static readonly string[] Records =
    [
        """{"predictionId": "ok-0", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "features": {"location": "Seattle", "temp_max": 5.0}, "prediction": {"label": "0", "score": 0.44}}""",
        """{"predictionId": "bad-1", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "features": {"location": "Seattle", "temp_max": "warm"}, "prediction": {"label": "0", "score": 0.44}}""",
        """{"predictionId": "bad-2", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "features": {"location": "Seattle", "humidity": 3}, "prediction": {"label": "0", "score": 0.44}}""",
        """{"timestamp": "2013-01-01T00:00:00Z", "features": {}}""",
        """{"predictionId": "bad-4", "features": {}}""",
        """{"predictionId": "bad-5", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "features": {"temp_max": 1}, "prediction": {"label": "0", "score": 1.5}}""",
        """{"predictionId": "bad-6", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "features": {"temp_max": 1}, "prediction": {"label": "0", "score": 0.4}, "actual": {"label": "maybe"}}""",
        $$$"""{"predictionId": "bad-7", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "features": {"location": "{{{TooLong}}}"}, "prediction": {"label": "0", "score": 0.4}}""",
        """{"predictionId": "bad-8", "timestamp": "2013-01-01T00:00:00Z", "version": "not a name", "features": {}, "prediction": {"label": "0", "score": 0.4}}""",
        """{"predictionId": "bad-9", "timestamp": "2013-01-01T00:00:00Z", "environment": "staging", "features": {}, "prediction": {"label": "0", "score": 0.4}}""",
        """{"predictionId": "bad-10", "timestamp": "2013-01-01T00:00:00Z", "features": {"location": true}, "tags": {"region": 7, "team": "a"}, "prediction": {"label": "0", "score": 0.4}}""",
        """{"predictionId": "ok-11", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "features": {"location": "New York", "temp_max": null}, "tags": {"region": "east"}, "prediction": {"label": "1", "score": 0.9}, "actual": {"label": 1}}""",
    ];

    private async Task<string> RegisterAsync()
    {
        var id = NewModelId("grpc");
        using var response = await server.Client.PutAsync($"/v1/models/{id}", Json(Model));
        response.EnsureSuccessStatusCode();
        return id;
    }

    private static IngestRequest Request(string modelId, IEnumerable<string> records)
    {
        var request = new IngestRequest { ModelId = modelId };
        request.Records.AddRange(records.Select(r => ProtoRecords.FromJson(JsonNode.Parse(r)!.AsObject())));
        return request;
    }

    private async Task<(int Accepted, List<(int Index, string Error)> Rejected)> PostAsync(string modelId, IEnumerable<string> records)
    {
        using var response = await server.Client.PostAsync($"/v1/models/{modelId}/records", Json($"[{string.Join(',', records)}]"));
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (answer["accepted"]!.GetValue<int>(),
            [.. answer["rejected"]!.AsArray().Select(r => (r!["index"]!.GetValue<int>(), r["error"]!.GetValue<string>()))]);
    }

    [Fact]
    public async Task Ingest_MixedBatch_RejectsTheSameRecordsWithTheSameMessagesAsHttp()
    {
        var (overHttp, overGrpc) = (await RegisterAsync(), await RegisterAsync());
        using var channel = ProtoRecords.Channel(server.Factory);

        var expected = await PostAsync(overHttp, Records);
        var reply = await new GrpcClient(channel).IngestAsync(Request(overGrpc, Records));

        Assert.Equal(2, expected.Accepted);
        Assert.Equal(Records.Length - 2, expected.Rejected.Count);
        Assert.Equal(expected.Accepted, reply.Accepted);
        Assert.Equal(expected.Rejected, reply.Rejected.Select(r => (r.Index, r.Error)));
    }

    [Fact]
    public async Task Ingest_NonFiniteNumber_IsRejectedAsNotFiniteLikeAJsonNumberTooLargeForADouble()
    {
        var (overHttp, overGrpc) = (await RegisterAsync(), await RegisterAsync());
        var json = """{"predictionId": "big", "timestamp": "2013-01-01T00:00:00Z", "features": {"temp_max": 1e400}, "prediction": {"label": "0", "score": 0.4}}""";
        var record = ProtoRecords.FromJson(JsonNode.Parse(json.Replace("1e400", "0", StringComparison.Ordinal))!.AsObject());
        record.Features["temp_max"] = new Value { Number = double.PositiveInfinity };
        var request = new IngestRequest { ModelId = overGrpc, Records = { record } };
        using var channel = ProtoRecords.Channel(server.Factory);

        var expected = await PostAsync(overHttp, [json]);
        var reply = await new GrpcClient(channel).IngestAsync(request);

        Assert.StartsWith("features.temp_max: must be a finite number", expected.Rejected.Single().Error, StringComparison.Ordinal);
        Assert.Equal(expected.Rejected.Single().Error, reply.Rejected.Single().Error);
    }

    [Fact]
    public async Task IngestStream_BadRecordsInLaterMessages_AreIndexedFromTheStartOfTheStream()
    {
        var id = await RegisterAsync();
        using var channel = ProtoRecords.Channel(server.Factory);
        using var call = new GrpcClient(channel).IngestStream();

        await call.RequestStream.WriteAsync(Request(id, Records[..3]));
        await call.RequestStream.WriteAsync(Request(id, Records[3..]));
        await call.RequestStream.CompleteAsync();
        var reply = await call;
        var expected = await PostAsync(await RegisterAsync(), Records);

        Assert.Equal(2, reply.Accepted);
        Assert.Equal(expected.Rejected, reply.Rejected.Select(r => (r.Index, r.Error)));
    }

    [Fact]
    public async Task Ingest_BadModelIdUnknownModelOrTooManyRecords_FailsTheCallWithAStatusNamingTheField()
    {
        using var channel = ProtoRecords.Channel(server.Factory);
        var client = new GrpcClient(channel);
        var tooMany = new IngestRequest { ModelId = await RegisterAsync() };
        tooMany.Records.AddRange(Enumerable.Range(0, 10_001).Select(_ => new Record()));

        var badId = await Assert.ThrowsAsync<RpcException>(() => client.IngestAsync(new IngestRequest { ModelId = "no/slashes" }).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.IngestAsync(new IngestRequest { ModelId = NewModelId("none") }).ResponseAsync);
        var limit = await Assert.ThrowsAsync<RpcException>(() => client.IngestAsync(tooMany).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, badId.StatusCode);
        Assert.StartsWith("model_id: ", badId.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("model_id: ", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, limit.StatusCode);
        Assert.Contains("at most 10000", limit.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendActuals_MixedItems_AnswersAsHttpDoes()
    {
        var (overHttp, overGrpc) = (await RegisterAsync(), await RegisterAsync());
        using var channel = ProtoRecords.Channel(server.Factory);
        var client = new GrpcClient(channel);
        await PostAsync(overHttp, Records);
        await client.IngestAsync(Request(overGrpc, Records));
        var actuals = new ActualsRequest
        {
            ModelId = overGrpc,
            Actuals =
            {
                new ActualItem { PredictionId = "ok-0", Actual = new Actual { Label = new Value { Text = "1" } }, Timestamp = Timestamp.FromDateTimeOffset(new DateTimeOffset(2013, 1, 2, 0, 0, 0, TimeSpan.Zero)) },
                new ActualItem { PredictionId = "later", Actual = new Actual { Label = new Value { Text = "0" } } },
                new ActualItem { Actual = new Actual { Label = new Value { Text = "0" } } },
                new ActualItem { PredictionId = "ok-11", Actual = new Actual { Label = new Value { Text = TooLong } } },
                new ActualItem { PredictionId = "ok-11" },
            },
        };

        using var response = await server.Client.PostAsync($"/v1/models/{overHttp}/actuals", Json($$$"""
            [{"predictionId": "ok-0", "actual": {"label": "1"}, "timestamp": "2013-01-02T00:00:00Z"}, {"predictionId": "later", "actual": {"label": "0"}},
             {"actual": {"label": "0"}}, {"predictionId": "ok-11", "actual": {"label": "{{{TooLong}}}"}}, {"predictionId": "ok-11"}]
            """));
        var expected = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var reply = await client.SendActualsAsync(actuals);

        Assert.Equal(expected["accepted"]!.GetValue<int>(), reply.Accepted);
        Assert.Equal(
            expected["rejected"]!.AsArray().Select(r => (r!["index"]!.GetValue<int>(), r["error"]!.GetValue<string>())),
            reply.Rejected.Select(r => (r.Index, r.Error)));
        Assert.Equal(
            expected["unmatched"]!.AsArray().Select(u => (u!["index"]!.GetValue<int>(), u["predictionId"]!.GetValue<string>())),
            reply.Unmatched.Select(u => (u.Index, u.PredictionId)));
        Assert.Equal(3, reply.Rejected.Count);
        Assert.Equal("later", reply.Unmatched.Single().PredictionId);
    }
}
