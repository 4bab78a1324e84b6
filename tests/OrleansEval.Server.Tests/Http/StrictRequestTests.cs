using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using OrleansEval.Gateway.Grpc.V1;
using OrleansEval.Server.Tests.Grpc;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;
using GrpcClient = OrleansEval.Gateway.Grpc.V1.OrleansEval.OrleansEvalClient;

namespace OrleansEval.Server.Tests.Http;

/// <summary>Where the API says strict it is: timestamps, duplicate keys, label limits, short quotes, unreadable gRPC messages.</summary>
[Collection(ServerTestGroup.Name)]
public sealed class StrictRequestTests(ServerFixture server)
{
    private const string Model = """{"task": "multiclass_classification", "classes": ["a", "b"], "features": [{"name": "x", "type": "numeric"}]}""";

    [Theory]
    [InlineData("""{"task": "regression", "task": "regression", "features": []}""", "task")]
    [InlineData("""{"task": "regression", "features": [{"name": "x", "type": "numeric", "type": "categorical"}]}""", "features[0].type")]
    [InlineData("""{"task": "multiclass_classification", "classes": ["a", "a"], "features": []}""", "classes")]
    [InlineData("""{"task": "multiclass_classification", "classes": ["a", "b\n"], "features": []}""", "classes[1]")]
    [InlineData("""{"task": "binary_classification", "positiveLabel": "", "features": []}""", "positiveLabel")]
    public async Task PutModel_DuplicateKeyOrBadLabel_Is400NamingIt_AndCreatesNothing(string body, string field)
    {
        var id = NewModelId("strict");

        using var response = await server.Client.PutAsync($"/v1/models/{id}", Json(body));
        using var read = await server.Client.GetAsync($"/v1/models/{id}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task PutModel_TooManyOrTooLongClasses_Is400()
    {
        var many = $$"""{"task": "multiclass_classification", "classes": [{{string.Join(',', Enumerable.Range(0, 257).Select(i => $"\"c{i}\""))}}], "features": []}""";
        var long1 = $$"""{"task": "multiclass_classification", "classes": ["{{new string('c', 129)}}"], "features": []}""";

        using var tooMany = await server.Client.PutAsync($"/v1/models/{NewModelId("strict")}", Json(many));
        using var tooLong = await server.Client.PutAsync($"/v1/models/{NewModelId("strict")}", Json(long1));

        var problem = await AssertProblemAsync(tooMany, HttpStatusCode.BadRequest, "classes");
        Assert.Contains("at most 256", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var quoted = (await AssertProblemAsync(tooLong, HttpStatusCode.BadRequest, "classes[0]"))["detail"]!.GetValue<string>();
        Assert.Contains(new string('c', 100) + "…", quoted, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('c', 101), quoted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2013-01-01", "from")]
    [InlineData("May 1 2013", "from")]
    [InlineData("2013-01-01T00:00:00", "from")]
    public async Task Baseline_And_Drift_TimestampWithoutTimeOrZone_Is400NamingIt(string timestamp, string field)
    {
        var id = NewModelId("strict");
        (await server.Client.PutAsync($"/v1/models/{id}", Json(Model))).EnsureSuccessStatusCode();

        using var baseline = await server.Client.PutAsync($"/v1/models/{id}/baselines/training", Json($$"""{"from": "{{timestamp}}"}"""));
        using var drift = await server.Client.GetAsync($"/v1/models/{id}/drift?baseline=training&from={Uri.EscapeDataString(timestamp)}");
        using var alerts = await server.Client.GetAsync($"/v1/alerts?from={Uri.EscapeDataString(timestamp)}");

        await AssertProblemAsync(baseline, HttpStatusCode.BadRequest, field);
        await AssertProblemAsync(drift, HttpStatusCode.BadRequest, field);
        await AssertProblemAsync(alerts, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Records_LongLabelOrTimestampWithANewline_AreRejectedAloneNamingTheField()
    {
        var id = NewModelId("strict");
        (await server.Client.PutAsync($"/v1/models/{id}", Json("""{"task": "multiclass_classification", "features": [{"name": "x", "type": "numeric"}]}"""))).EnsureSuccessStatusCode();
        var records = $$$"""
            [{"predictionId": "a", "timestamp": "2013-01-01T00:00:00Z", "features": {"x": 1}, "prediction": {"label": "{{{new string('l', 129)}}}"}},
             {"predictionId": "b", "timestamp": "2013-01-01T00:00:00Z\n", "features": {"x": 1}},
             {"predictionId": "c", "timestamp": "2013-01-01T00:00:00+01:00", "features": {"x": 1}, "prediction": {"label": "l"}}]
            """;

        using var response = await server.Client.PostAsync($"/v1/models/{id}/records", Json(records));
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var errors = answer["rejected"]!.AsArray().Select(r => r!["error"]!.GetValue<string>()).ToList();

        Assert.Equal(1, answer["accepted"]!.GetValue<int>());
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("prediction.label: ", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("timestamp: ", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grpc_UnreadableMessage_IsInvalidArgumentNamingTheField()
    {
        var id = NewModelId("strict");
        using var channel = ProtoRecords.Channel(server.Factory);
        var client = new GrpcClient(channel);
        var invoker = channel.CreateCallInvoker();
        var raw = new Method<byte[], byte[]>(MethodType.Unary, "orleanseval.v1.OrleansEval", "Ingest", Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

        // Field 3 (records) holds a record whose field 2 (timestamp) claims 16 bytes but has 2.
        byte[] broken = [0x0A, 0x01, 0x6D, 0x1A, 0x04, 0x12, 0x10, 0x08, 0x01];
        var garbage = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(raw, null, new CallOptions(), broken).ResponseAsync);
        var wrongModel = await Assert.ThrowsAsync<RpcException>(() => client.IngestAsync(new IngestRequest { ModelId = id + "\n" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, garbage.StatusCode);
        Assert.Equal("records[0].timestamp", garbage.Trailers.GetValue("field"));
        Assert.StartsWith("records[0].timestamp: ", garbage.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, wrongModel.StatusCode);
        Assert.Equal("model_id", wrongModel.Trailers.GetValue("field"));
    }
}
