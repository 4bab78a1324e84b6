using System.Globalization;
using System.Text.Json;
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

    // Rows are kept for 30 days before the store's clock (2014-01-01) and after it: the reads of rows ask after it.
    private const string KeptRows = "from=2014-03-01T00:00:00Z&to=2014-04-01T00:00:00Z";
    private const string OtherModel = "schema-weather";

    private const string Validation = """
        {"candidate": {"version": "v2"}, "reference": {"version": "v1"}, "production": {"baseline": "march"},
         "from": "2014-03-01T00:00:00Z", "to": "2014-04-01T00:00:00Z"}
        """;

    private static readonly string Seattle = Uri.EscapeDataString("location = Seattle");

    public static IReadOnlyList<SchemaQuestion> All { get; } =
    [
        Get("root-cause", "/root-cause", $"baseline=training&{Production}&{July2013}"),
        Get("root-cause-slice-rows", "/root-cause", $"baseline=training&{Production}&{KeptRows}&slice={Seattle}&source=rows"),
        Get("recommendations", "/recommendations", $"baseline=training&{Production}&{July2013}"),
        new("cluster", DocumentedAnswer.Get("/v1/cluster"), server => server.GetAsync("/v1/cluster")),
        new("keys", DocumentedAnswer.Get("/v1/keys"), server => server.GetAsync("/v1/keys")),
        Send("model-put", HttpMethod.Put, $"/v1/models/{OtherModel}", new("put", ModelPath, "201"),
            """{"task": "regression", "features": [{"name": "temp_max", "type": "numeric"}], "tags": [{"name": "city", "type": "categorical"}]}"""),
        Send("records", HttpMethod.Post, $"/v1/models/{OtherModel}/records", new("post", $"{ModelPath}/records"),
            """[{"predictionId": "s-1", "timestamp": "2013-07-01T00:00:00Z", "features": {"temp_max": 21.5}, "tags": {"city": "Seattle"}, "prediction": {"value": 20.0}}, {"predictionId": "s-2"}]"""),
        Send("records-v1", HttpMethod.Post, $"/v1/models/{OtherModel}/records", new("post", $"{ModelPath}/records"), VersionRecords("v1", 0)),
        Send("records-v2", HttpMethod.Post, $"/v1/models/{OtherModel}/records", new("post", $"{ModelPath}/records"), VersionRecords("v2", 0.5)),
        Send("other-baseline-put", HttpMethod.Put, $"/v1/models/{OtherModel}/baselines/march", new("put", $"{ModelPath}/baselines/{{name}}"),
            """{"version": "v1", "environment": "production", "from": "2014-03-01T00:00:00Z", "to": "2014-04-01T00:00:00Z", "bins": 4}"""),
        new("examples", new("get", $"{ModelPath}/examples", MediaType: DocumentedAnswer.Ndjson),
            server => server.GetAsync($"/v1/models/{OtherModel}/examples?{KeptRows}&limit=5")),
        OtherGet("worst-slices", "/worst-slices", $"{KeptRows}&baseline=march&minSize=5"),
        OtherGet("compare", "/compare", $"versions=v1,v2&{KeptRows}&minSize=5"),
        OtherGet("skew", "/skew", $"reference=v1@production&current=v2@production&{KeptRows}"),
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
        Send("validation-post", HttpMethod.Post, $"/v1/models/{OtherModel}/validations", new("post", $"{ModelPath}/validations", "201"), Validation),
        new("validations", DocumentedAnswer.Get($"{ModelPath}/validations"), server => server.GetAsync($"/v1/models/{OtherModel}/validations")),
        new("validation", DocumentedAnswer.Get($"{ModelPath}/validations/{{validationId}}"), ValidationAsync),
        Send("webhook-put", HttpMethod.Put, "/v1/webhooks/schema-hook", new("put", "/v1/webhooks/{name}"),
            """{"url": "http://127.0.0.1:9/alerts", "models": ["no-such-model"], "states": ["firing"], "format": "slack", "secret": "a-secret-of-32-characters-or-so!"}"""),
        new("webhooks", DocumentedAnswer.Get("/v1/webhooks"), server => server.GetAsync("/v1/webhooks")),
        new("webhook", DocumentedAnswer.Get("/v1/webhooks/{name}"), server => server.GetAsync("/v1/webhooks/schema-hook")),
    ];

    private static SchemaQuestion Get(string name, string path, string query) =>
        new(name, DocumentedAnswer.Get($"{ModelPath}{path}"), server => server.GetAsync(Model($"{path}?{query}")));

    private static SchemaQuestion OtherGet(string name, string path, string query) =>
        new(name, DocumentedAnswer.Get($"{ModelPath}{path}"), server => server.GetAsync($"/v1/models/{OtherModel}{path}?{query}"));

    private static SchemaQuestion Send(string name, HttpMethod method, string path, DocumentedAnswer answer, string? body) =>
        new(name, answer, server => server.SendAsync(method, path, body, CancellationToken.None));

    // A version of the second model: 60 hours of March 2014 (rows are kept for 30 days before the store's clock,
    // 2014-01-01, and after it), the same prediction ids in every version, each version's temperature and prediction
    // shifted by its own amount, so that comparing, validating and skew have paired rows that differ.
    private static string VersionRecords(string version, double shift) =>
        JsonSerializer.Serialize(Enumerable.Range(0, 60).Select(i => new
        {
            predictionId = $"s-{i}",
            timestamp = new DateTimeOffset(2014, 3, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            version,
            features = new { temp_max = 10 + (i % 20) + shift },
            tags = new { city = i % 2 == 0 ? "Seattle" : "Boston" },
            prediction = new { value = 10 + (i % 20) + shift },
            actual = new { value = 10.2 + (i % 20) },
        }));

    // A validation is read back by the id its creation answered.
    private static async Task<byte[]> ValidationAsync(WeatherGoldenServer server)
    {
        using var created = JsonDocument.Parse(await server.SendAsync(HttpMethod.Post, $"/v1/models/{OtherModel}/validations", Validation, CancellationToken.None));
        return await server.GetAsync($"/v1/models/{OtherModel}/validations/{created.RootElement.GetProperty("id").GetString()}");
    }
}
