using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using OrleansEval.Gateway.Grpc.V1;
using OrleansEval.Server.Tests.Grpc;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;
using GrpcClient = OrleansEval.Gateway.Grpc.V1.OrleansEval.OrleansEvalClient;
using Value = OrleansEval.Gateway.Grpc.V1.Value;

namespace OrleansEval.Server.Tests.Http;

/// <summary>
/// One idempotency contract over both protocols: a key names one batch of its kind (records or actuals) for the
/// idempotency window, whichever protocol sends it; sending it again answers the same and counts nothing twice; other
/// content under a taken key is refused.
/// </summary>
[Collection(ServerTestGroup.Name)]
public sealed class IdempotencyTests(ServerFixture server)
{
    private const string Model = """{"task": "binary_classification", "positiveLabel": "1", "negativeLabel": "0", "threshold": 0.5, "features": [{"name": "temp_max", "type": "numeric"}]}""";

    private const string Years = "version=v1&from=2013-01-01T00:00:00Z&to=2016-01-01T00:00:00Z";

    private static string Record(string id, double temp) =>
        $$$"""{"predictionId": "{{{id}}}", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "features": {"temp_max": {{{temp.ToString(CultureInfo.InvariantCulture)}}}}, "prediction": {"label": "0", "score": 0.25}}""";

    private async Task<string> RegisterAsync()
    {
        var id = NewModelId("idem");
        using var response = await server.Client.PutAsync($"/v1/models/{id}", Json(Model));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    private async Task<HttpResponseMessage> PostAsync(string modelId, string kind, string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/models/{modelId}/{kind}") { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await server.Client.SendAsync(request);
    }

    private async Task<long> RecordsAsync(string modelId) =>
        (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{modelId}"))!["series"]!.AsArray().Single()!["records"]!.GetValue<long>();

    [Fact]
    public async Task Post_SameKeyAfterSixHundredOtherBatches_CountsTheBatchOnce()
    {
        var id = await RegisterAsync();
        using (var first = await PostAsync(id, "records", $"[{Record("first", 1)}]", "the-first"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        for (var i = 0; i < 600; i++)
        {
            using var other = await PostAsync(id, "records", $"[{Record($"other-{i}", i)}]", $"other-{i}");
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        using var again = await PostAsync(id, "records", $"[{Record("first", 1)}]", "the-first");
        var answer = (await again.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, answer["accepted"]!.GetValue<int>());
        Assert.Equal(601, await RecordsAsync(id));
    }

    [Fact]
    public async Task Ingest_SameKeyOverHttpThenGrpc_IsOneBatch()
    {
        var id = await RegisterAsync();
        var records = new[] { Record("a", 1), Record("b", 2), Record("c", 3) };
        using var channel = ProtoRecords.Channel(server.Factory);
        var request = new IngestRequest { ModelId = id, IdempotencyKey = "shared-key" };
        request.Records.AddRange(records.Select(r => ProtoRecords.FromJson(JsonNode.Parse(r)!.AsObject())));

        using var overHttp = await PostAsync(id, "records", $"[{string.Join(',', records)}]", "shared-key");
        var reply = await new GrpcClient(channel).IngestAsync(request);

        Assert.Equal(HttpStatusCode.OK, overHttp.StatusCode);
        Assert.Equal(3, reply.Accepted);
        Assert.Equal(3, await RecordsAsync(id));
    }

    [Fact]
    public async Task SendActuals_WithTheKeyOfARecordsBatch_IsKeptAsABatchOfItsOwn()
    {
        var id = await RegisterAsync();
        using var channel = ProtoRecords.Channel(server.Factory);
        var client = new GrpcClient(channel);
        var records = new IngestRequest { ModelId = id, IdempotencyKey = "one-key" };
        records.Records.Add(ProtoRecords.FromJson(JsonNode.Parse(Record("p-1", 1))!.AsObject()));
        var actuals = new ActualsRequest
        {
            ModelId = id,
            IdempotencyKey = "one-key",
            Actuals = { new ActualItem { PredictionId = "p-1", Actual = new Actual { Label = new Value { Text = "1" } } } },
        };

        await client.IngestAsync(records);
        var reply = await client.SendActualsAsync(actuals);
        var performance = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/performance?{Years}"))!;

        Assert.Equal(1, reply.Accepted);
        Assert.Empty(reply.Unmatched);
        Assert.Equal(1, performance["predictions"]!.GetValue<long>());
        Assert.Equal(1, performance["labelled"]!.GetValue<long>());
    }

    [Fact]
    public async Task Post_SameKeyWithOtherContent_Is409NamingTheKeyAndKeepsNothingNew()
    {
        var id = await RegisterAsync();
        using var first = await PostAsync(id, "records", $"[{Record("a", 1)}]", "taken");
        using var conflict = await PostAsync(id, "records", $"[{Record("a", 2)}]", "taken");
        using var actualsFirst = await PostAsync(id, "actuals", """[{"predictionId": "a", "actual": {"label": "1"}}]""", "taken-actuals");
        using var actualsConflict = await PostAsync(id, "actuals", """[{"predictionId": "a", "actual": {"label": "0"}}]""", "taken-actuals");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, actualsFirst.StatusCode);
        await AssertProblemAsync(conflict, HttpStatusCode.Conflict, "Idempotency-Key");
        await AssertProblemAsync(actualsConflict, HttpStatusCode.Conflict, "Idempotency-Key");
        Assert.Equal(1, await RecordsAsync(id));
    }

    [Fact]
    public async Task Ingest_SameKeyWithOtherContentOverGrpc_FailsWithFailedPreconditionNamingTheKey()
    {
        var id = await RegisterAsync();
        using var channel = ProtoRecords.Channel(server.Factory);
        var client = new GrpcClient(channel);
        IngestRequest Request(double temp)
        {
            var request = new IngestRequest { ModelId = id, IdempotencyKey = "grpc-taken" };
            request.Records.Add(ProtoRecords.FromJson(JsonNode.Parse(Record("a", temp))!.AsObject()));
            return request;
        }

        await client.IngestAsync(Request(1));
        var conflict = await Assert.ThrowsAsync<RpcException>(() => client.IngestAsync(Request(2)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, conflict.StatusCode);
        Assert.StartsWith("idempotency_key: ", conflict.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await RecordsAsync(id));
    }
}
