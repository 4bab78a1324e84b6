using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using OrleansEval.Gateway.Grpc.V1;
using OrleansEval.Keys;
using OrleansEval.Server.Tests.Grpc;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;
using GrpcClient = OrleansEval.Gateway.Grpc.V1.OrleansEval.OrleansEvalClient;

namespace OrleansEval.Server.Tests.Keys;

/// <summary>
/// Every hostile name in every position a name can take, over HTTP and gRPC: each is refused with 400 or
/// INVALID_ARGUMENT (a record with it is rejected alone) naming the field, and nothing is stored. A dot segment or an
/// empty one in a URL path never reaches an endpoint (the URL is normalised first), so there only "no 5xx and nothing
/// stored" is asked.
/// </summary>
[Collection(ServerTestGroup.Name)]
public sealed class HostileNameTests(ServerFixture server)
{
    private const string Model = """{"task": "binary_classification", "features": [{"name": "x", "type": "numeric"}, {"name": "loc", "type": "categorical"}], "tags": [{"name": "region", "type": "categorical"}]}""";

    public static TheoryData<string, string> Names => new()
    {
        { "dot", "." },
        { "dot-dot", ".." },
        { "dots", "..." },
        { "slash", "a/b" },
        { "backslash", "a\\b" },
        { "newline", "a\n" },
        { "nul", "a\0b" },
        { "control", "a\u0001b" },
        { "delete", "a\u007f" },
        { "tab", "a\tb" },
        { "space", "a b" },
        { "colon", "a:b" },
        { "percent", "a%2Fb" },
        { "empty", "" },
        { "over-long", new string('x', 129) },
        { "fullwidth", "ｍodel" },
        { "one-dot-leader", "a\u2024b" },
        { "division-slash", "a\u2215b" },
        { "cyrillic", "\u0430" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task EveryPosition_HostileName_IsRefusedNamingTheField_AndStoresNothing(string label, string name)
    {
        var id = NewModelId("hostile");
        (await server.Client.PutAsync($"/v1/models/{id}", Json(Model))).EnsureSuccessStatusCode();
        var before = await StateAsync(id);
        var failures = new List<string>();

        // The in-memory server refuses a NUL in a path before a request exists; the corpus sends one to Kestrel.
        foreach (var (position, send, field) in HttpPositions(id, name).Where(p => !(p.Position.StartsWith("path ", StringComparison.Ordinal) && name.Contains('\0', StringComparison.Ordinal))))
        {
            using var response = await send();
            await CheckHttpAsync(failures, position, response, field, PathReachesEndpoint(position, name));
        }

        using var channel = ProtoRecords.Channel(server.Factory);
        var client = new GrpcClient(channel);
        foreach (var (position, call, field) in GrpcPositions(id, name))
        {
            await CheckGrpcAsync(failures, position, call(client), field);
        }

        var after = await StateAsync(id);
        Assert.True(failures.Count == 0, $"{label}: {string.Join("; ", failures)}");
        Assert.Equal(before, after);
    }

    private static bool PathReachesEndpoint(string position, string name) =>
        !position.StartsWith("path ", StringComparison.Ordinal) || name is not ("." or ".." or "");

    private static string Segment(string name) => name is "." or ".." ? name.Replace(".", "%2E", StringComparison.Ordinal) : Uri.EscapeDataString(name);

    private static string Quoted(string name) => JsonSerializer.Serialize(name);

    private IEnumerable<(string Position, Func<Task<HttpResponseMessage>> Send, string Field)> HttpPositions(string id, string name)
    {
        var client = server.Client;
        var model = $"/v1/models/{id}";
        var segment = Segment(name);
        var record = """{"predictionId": "p", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "features": {"x": 1}}""";
        string Replace(string json, string from, string to) => json.Replace(from, to, StringComparison.Ordinal);
        Task<HttpResponseMessage> Put(string path, string json) => client.PutAsync(path, Json(json));
        Task<HttpResponseMessage> Post(string path, string json) => client.PostAsync(path, Json(json));
        string Monitor(string extra) => $$"""{"kind": "drift", "measure": "psi", "threshold": 0.2, "baseline": "training"{{extra}}}""";

        yield return ("path modelId", () => Put($"/v1/models/{segment}", Model), "modelId");
        yield return ("feature name", () => Put($"/v1/models/{NewModelId("h")}", Replace(Model, "\"loc\"", Quoted(name))), "features[1].name");
        yield return ("tag name", () => Put($"/v1/models/{NewModelId("h")}", Replace(Model, "\"region\"", Quoted(name))), "tags[0].name");
        yield return ("record version", () => Post($"{model}/records", $"[{Replace(record, "\"v1\"", Quoted(name))}]"), "version");
        yield return ("record environment", () => Post($"{model}/records", $"[{Replace(record, "\"version\"", "\"environment\"")}]".Replace("\"v1\"", Quoted(name), StringComparison.Ordinal)), "environment");
        yield return ("record feature key", () => Post($"{model}/records", $"[{Replace(record, "\"x\"", Quoted(name))}]"), "features");
        yield return ("record tag key", () => Post($"{model}/records", $"[{Replace(record, "\"features\": {\"x\": 1}", $"\"tags\": {{{Quoted(name)}: \"e\"}}")}]"), "tags");
        // HttpClient leaves an empty header out; the corpus sends one to Kestrel over a socket.
        if (!NameRules.IsValid(NameKind.IdempotencyKey, name) && name.Length > 0)
        {
            yield return ("idempotency key", () => PostWithKey($"{model}/records", $"[{record}]", name), "Idempotency-Key");
        }

        yield return ("path baseline", () => Put($"{model}/baselines/{segment}", "{}"), "name");
        yield return ("path baseline read", () => client.GetAsync($"{model}/baselines/{segment}"), "name");
        yield return ("baseline version", () => Put($"{model}/baselines/training", $$"""{"version": {{Quoted(name)}}}"""), "version");
        yield return ("baseline edges", () => Put($"{model}/baselines/training", $$$"""{"edges": {{{{Quoted(name)}}}: [1]}}"""), "edges");
        yield return ("path slice", () => Put($"{model}/slices/{segment}", """{"conditions": ["loc = a"]}"""), "name");
        yield return ("slice condition column", () => Put($"{model}/slices/s", $$"""{"conditions": [{{Quoted(name + " = a")}}]}"""), "conditions[0]");
        yield return ("path monitor", () => Put($"{model}/monitors/{segment}", Monitor("")), "name");
        yield return ("monitor baseline", () => Put($"{model}/monitors/m", Replace(Monitor(""), "\"training\"", Quoted(name))), "baseline");
        yield return ("monitor version", () => Put($"{model}/monitors/m", Monitor($", \"version\": {Quoted(name)}")), "version");
        yield return ("monitor environment", () => Put($"{model}/monitors/m", Monitor($", \"environment\": {Quoted(name)}")), "environment");
        yield return ("monitor target", () => Put($"{model}/monitors/m", Monitor($", \"target\": {Quoted(name)}")), "target");
        yield return ("monitor slice", () => Put($"{model}/monitors/m", $$"""{"kind": "performance", "measure": "accuracy", "threshold": 0.5, "slice": {{Quoted(name)}}}"""), "slice");
        yield return ("drift baseline", () => client.GetAsync($"{model}/drift?baseline={Uri.EscapeDataString(name)}"), "baseline");
        yield return ("drift version", () => client.GetAsync($"{model}/drift?baseline=training&version={Uri.EscapeDataString(name)}"), "version");
        yield return ("performance slice", () => client.GetAsync($"{model}/performance?slice={Uri.EscapeDataString(name)}"), "slice");
        yield return ("performance version", () => client.GetAsync($"{model}/performance?version={Uri.EscapeDataString(name)}"), "version");
        yield return ("path slice read", () => client.GetAsync($"{model}/slices/{segment}"), "slice");
        yield return ("alerts model", () => client.GetAsync($"/v1/alerts?model={Uri.EscapeDataString(name)}"), "model");
    }

    private Task<HttpResponseMessage> PostWithKey(string path, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return server.Client.SendAsync(request);
    }

    private static IEnumerable<(string Position, Func<GrpcClient, Task<object>> Call, string Field)> GrpcPositions(string id, string name)
    {
        IngestRequest Ingest(Action<Gateway.Grpc.V1.Record> change)
        {
            var record = ProtoRecords.FromJson(JsonNode.Parse("""{"predictionId": "p", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "features": {"x": 1}}""")!.AsObject());
            change(record);
            return new IngestRequest { ModelId = id, Records = { record } };
        }

        yield return ("grpc model_id", async c => await c.IngestAsync(new IngestRequest { ModelId = name }), "model_id");
        if (!NameRules.IsValid(NameKind.IdempotencyKey, name))
        {
            yield return ("grpc idempotency_key", async c => await c.IngestAsync(new IngestRequest { ModelId = id, IdempotencyKey = name }), "idempotency_key");
            yield return ("grpc actuals idempotency_key", async c => await c.SendActualsAsync(new ActualsRequest { ModelId = id, IdempotencyKey = name }), "idempotency_key");
        }

        yield return ("grpc actuals model_id", async c => await c.SendActualsAsync(new ActualsRequest { ModelId = name }), "model_id");
        yield return ("grpc record version", async c => await c.IngestAsync(Ingest(r => r.Version = name)), "version");
        yield return ("grpc record environment", async c => await c.IngestAsync(Ingest(r => r.Environment = name)), "environment");
        yield return ("grpc record feature key", async c => await c.IngestAsync(Ingest(r => r.Features.Add(name, new Gateway.Grpc.V1.Value { Number = 1 }))), "features");
        yield return ("grpc record tag key", async c => await c.IngestAsync(Ingest(r => r.Tags.Add(name, new Gateway.Grpc.V1.Value { Text = "e" }))), "tags");
        yield return ("grpc drift baseline", async c => await c.GetDriftAsync(new DriftRequest { ModelId = id, Baseline = name }), "baseline");
        yield return ("grpc drift version", async c => await c.GetDriftAsync(new DriftRequest { ModelId = id, Baseline = "training", Version = name }), "version");
        yield return ("grpc performance slice", async c => await c.GetPerformanceAsync(new PerformanceRequest { ModelId = id, Slice = name }), "slice");
    }

    private static async Task CheckHttpAsync(List<string> failures, string position, HttpResponseMessage response, string field, bool reachesEndpoint)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            failures.Add($"{position}: {status} {body}");
            return;
        }

        if (!reachesEndpoint)
        {
            return;
        }

        var json = body.Length > 0 ? JsonNode.Parse(body)!.AsObject() : [];
        var named = status == 400
            ? json["field"]?.GetValue<string>() == field && json["detail"]!.GetValue<string>().StartsWith($"{field}: ", StringComparison.Ordinal)
            : status == 200 && json["accepted"]?.GetValue<int>() == 0
              && json["rejected"]!.AsArray().Select(r => r!["error"]!.GetValue<string>()).SingleOrDefault()?.StartsWith($"{field}: ", StringComparison.Ordinal) == true;
        if (!named)
        {
            failures.Add($"{position}: {status} {body} (expected a refusal naming '{field}')");
        }
    }

    private static async Task CheckGrpcAsync(List<string> failures, string position, Task<object> call, string field)
    {
        try
        {
            var reply = await call;
            var rejected = reply is IngestReply { Accepted: 0 } ingest ? ingest.Rejected.Select(r => r.Error).SingleOrDefault() : null;
            if (rejected?.StartsWith($"{field}: ", StringComparison.Ordinal) != true)
            {
                failures.Add($"{position}: answered {reply} (expected a refusal naming '{field}')");
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument && e.Trailers.GetValue("field") == field)
        {
            // Refused, naming the field.
        }
        catch (RpcException e)
        {
            failures.Add($"{position}: {e.StatusCode} {e.Status.Detail} field={e.Trailers.GetValue("field")}");
        }
    }

    /// <summary>What the store holds that a name could have created: the model list, the model and its monitors.</summary>
    private async Task<string> StateAsync(string id)
    {
        var models = (await server.Client.GetFromJsonAsync<JsonObject>("/v1/models"))!["models"]!.AsArray().Select(m => m!.GetValue<string>());
        var model = await server.Client.GetStringAsync($"/v1/models/{id}");
        var monitors = await server.Client.GetStringAsync($"/v1/models/{id}/monitors");
        return $"{string.Join(",", models.Order(StringComparer.Ordinal))}\n{model}\n{monitors}";
    }
}
