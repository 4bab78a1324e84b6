using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Tests.Observability;
using static OrleansEval.Server.Tests.Golden.WeatherGoldenSetup;

namespace OrleansEval.Server.Tests.Golden;

/// <summary>
/// The requests whose answers the goldens do not cover, asked after them (several write: a second model, a record, an
/// actual, a slice, a backfill, a validation, a webhook that matches no model, so nothing is delivered): every other read
/// and write of the v1 API that answers a body, each checked against its documented schema.
/// </summary>
public static class WeatherSchemaQuestions
{
    private const string ModelPath = "/v1/models/{modelId}";
    private const string Production = "version=v1&environment=production";
    private const string July2013 = "from=2013-07-01T00:00:00Z&to=2013-08-01T00:00:00Z";
    private const string OtherModel = "schema-weather";

    private const string Validation = """
        {"candidate": {"version": "v2"}, "reference": {"version": "v1"}, "production": {"baseline": "training"},
         "from": "2013-07-01T00:00:00Z", "to": "2013-08-01T00:00:00Z"}
        """;

    private static readonly string Seattle = Uri.EscapeDataString("location = Seattle");

    public static IReadOnlyList<SchemaQuestion> All { get; } =
    [
        Get("worst-slices", "/worst-slices", $"{Production}&{July2013}&baseline=training"),
        Get("root-cause", "/root-cause", $"baseline=training&{Production}&{July2013}"),
        Get("root-cause-slice-rows", "/root-cause", $"baseline=training&{Production}&{July2013}&slice={Seattle}&source=rows"),
        Get("recommendations", "/recommendations", $"baseline=training&{Production}&{July2013}"),
        new("examples", new("get", $"{ModelPath}/examples", MediaType: DocumentedAnswer.Ndjson),
            server => server.GetAsync(Model($"/examples?{Production}&{July2013}&limit=5"))),
        new("cluster", DocumentedAnswer.Get("/v1/cluster"), server => server.GetAsync("/v1/cluster")),
        new("keys", DocumentedAnswer.Get("/v1/keys"), server => server.GetAsync("/v1/keys")),
        Send("model-put", HttpMethod.Put, $"/v1/models/{OtherModel}", new("put", ModelPath, "201"),
            """{"task": "regression", "features": [{"name": "temp_max", "type": "numeric"}], "tags": [{"name": "city", "type": "categorical"}]}"""),
        Send("records", HttpMethod.Post, $"/v1/models/{OtherModel}/records", new("post", $"{ModelPath}/records"),
            """[{"predictionId": "s-1", "timestamp": "2013-07-01T00:00:00Z", "features": {"temp_max": 21.5}, "tags": {"city": "Seattle"}, "prediction": {"value": 20.0}}, {"predictionId": "s-2"}]"""),
        new("records-v2", new("post", $"{ModelPath}/records"), SendVersionTwoAsync),
        Get("compare", "/compare", $"versions=v1,v2&{July2013}&baseline=training"),
        Get("skew", "/skew", $"reference=v1@production&current=v2@production&{July2013}"),
        Send("actuals", HttpMethod.Post, $"/v1/models/{OtherModel}/actuals", new("post", $"{ModelPath}/actuals"),
            """[{"predictionId": "s-1", "actual": {"value": 22.0}}, {"predictionId": "s-none", "actual": 1.5}, {"actual": 3}]"""),
        Send("baseline-put", HttpMethod.Put, Model("/baselines/schema-spring"), new("put", $"{ModelPath}/baselines/{{name}}"),
            """{"version": "v1", "environment": "production", "from": "2013-03-01T00:00:00Z", "to": "2013-06-01T00:00:00Z", "bins": 4}"""),
        Send("slice-put", HttpMethod.Put, Model("/slices/schema-cold"), new("put", $"{ModelPath}/slices/{{name}}"),
            """{"conditions": ["temp_max in [-inf, 5)"]}"""),
        Send("slice-put-backfill", HttpMethod.Put, Model("/slices/schema-windy"), new("put", $"{ModelPath}/slices/{{name}}", "202"),
            """{"conditions": ["wind in [5, inf)"], "backfill": true}"""),
        Send("backfill-post", HttpMethod.Post, Model("/slices/schema-cold:backfill"), new("post", $"{ModelPath}/slices/{{name}}:backfill", "202"), null),
        new("backfill-status", DocumentedAnswer.Get($"{ModelPath}/slices/{{name}}:backfill"), server => server.GetAsync(Model("/slices/schema-cold:backfill"))),
        Send("monitor-put", HttpMethod.Put, Model("/monitors/schema-worst"), new("put", $"{ModelPath}/monitors/{{name}}"),
            """{"kind": "worstSlices", "baseline": "training", "version": "v1", "window": "30d"}"""),
        Send("validation-post", HttpMethod.Post, Model("/validations"), new("post", $"{ModelPath}/validations", "201"), Validation),
        new("validations", DocumentedAnswer.Get($"{ModelPath}/validations"), server => server.GetAsync(Model("/validations"))),
        new("validation", DocumentedAnswer.Get($"{ModelPath}/validations/{{validationId}}"), ValidationAsync),
        Send("webhook-put", HttpMethod.Put, "/v1/webhooks/schema-hook", new("put", "/v1/webhooks/{name}"),
            """{"url": "http://127.0.0.1:9/alerts", "models": ["no-such-model"], "states": ["firing"], "format": "slack", "secret": "a-secret-of-32-characters-or-so!"}"""),
        new("webhooks", DocumentedAnswer.Get("/v1/webhooks"), server => server.GetAsync("/v1/webhooks")),
        new("webhook", DocumentedAnswer.Get("/v1/webhooks/{name}"), server => server.GetAsync("/v1/webhooks/schema-hook")),
    ];

    private static SchemaQuestion Get(string name, string path, string query) =>
        new(name, DocumentedAnswer.Get($"{ModelPath}{path}"), server => server.GetAsync(Model($"{path}?{query}")));

    private static SchemaQuestion Send(string name, HttpMethod method, string path, DocumentedAnswer answer, string? body) =>
        new(name, answer, server => server.SendAsync(method, path, body, CancellationToken.None));

    // A second version of the model on July 2013: the labelled rows of v1 sent again as NDJSON (an examples line is a
    // record as accepted), with temp_max half a degree higher, so that comparing, validating and skew have paired rows.
    private static async Task<byte[]> SendVersionTwoAsync(WeatherGoldenServer server)
    {
        var lines = Encoding.UTF8.GetString(await server.GetAsync(Model($"/examples?{Production}&{July2013}&labelled=true")))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Where(line => line.ContainsKey("predictionId"))
            .Select(line =>
            {
                line["version"] = "v2";
                if (line["features"]!["temp_max"] is JsonValue temperature)
                {
                    line["features"]!["temp_max"] = temperature.GetValue<double>() + 0.5;
                }

                return line.ToJsonString();
            });
        using var request = new HttpRequestMessage(HttpMethod.Post, Model("/records")) { Content = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson") };
        using var response = await server.Http.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode ? answer : throw new HttpRequestException($"{(int)response.StatusCode} from records of v2: {Encoding.UTF8.GetString(answer)}");
    }

    // A validation is read back by the id its creation answered.
    private static async Task<byte[]> ValidationAsync(WeatherGoldenServer server)
    {
        using var created = JsonDocument.Parse(await server.SendAsync(HttpMethod.Post, Model("/validations"), Validation, CancellationToken.None));
        return await server.GetAsync(Model($"/validations/{created.RootElement.GetProperty("id").GetString()}"));
    }
}
