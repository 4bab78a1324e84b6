using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using OrleansEval.Gateway.Grpc.V1;
using OrleansEval.Server.Tests.Grpc;
using GrpcClient = OrleansEval.Gateway.Grpc.V1.OrleansEval.OrleansEvalClient;

namespace OrleansEval.Server.Tests.Auth;

/// <summary>gRPC calls carry the key as authorization metadata, checked as HTTP checks its header.</summary>
public sealed partial class ApiKeyTests
{
    [Fact]
    public async Task GrpcIngest_WithoutKeyIsUnauthenticated_WithReadKeyPermissionDenied_WithIngestKeyAccepted()
    {
        var id = await RegisterAsync();
        using var channel = ProtoRecords.Channel(server.Factory);
        var client = new GrpcClient(channel);
        var request = new IngestRequest { ModelId = id };
        request.Records.Add(ProtoRecords.FromJson(JsonNode.Parse(Records("g-1"))!.AsArray()[0]!.AsObject()));

        var anonymous = await Assert.ThrowsAsync<RpcException>(async () => await client.IngestAsync(request));
        var reader = await Assert.ThrowsAsync<RpcException>(async () => await client.IngestAsync(request, Bearer(KeyedServerFixture.ReadKey)));
        using var watch = client.WatchAlerts(new WatchAlertsRequest());
        var unwatched = await Assert.ThrowsAsync<RpcException>(async () => await watch.ResponseStream.MoveNext());
        var reply = await client.IngestAsync(request, Bearer(KeyedServerFixture.IngestKey));

        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.StartsWith("authorization: an API key is required", anonymous.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, reader.StatusCode);
        Assert.Contains("scope 'ingest'", reader.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unauthenticated, unwatched.StatusCode);
        Assert.Equal(1, reply.Accepted);
        using var admin = server.Client(KeyedServerFixture.AdminKey);
        var model = (await admin.GetFromJsonAsync<JsonObject>($"/v1/models/{id}"))!;
        Assert.Equal(1, model["series"]!.AsArray().Single()!["records"]!.GetValue<long>());
    }

    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };
}
