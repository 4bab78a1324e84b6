using System.Net;
using System.Text.Json;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Observability;

/// <summary>
/// What the OpenAPI document says of each v1 operation beyond its presence: a success answer with a schema (or a body
/// it says it has none of, or a download's media types), the schema of every body it reads, and every query parameter
/// its handler reads, each with a description and an example. An endpoint that loses any of these fails here.
/// </summary>
[Collection(ServerTestGroup.Name)]
public sealed class OpenApiOperationTests(ServerFixture server)
{
    private const string Model = "/v1/models/{modelId}";

    /// <summary>Media types answered as files or streams of text, whose body has no JSON schema.</summary>
    private static readonly string[] Downloads = ["text/csv", "application/vnd.apache.parquet"];

    /// <summary>The writes that read no body: they act on what their path names.</summary>
    private static readonly string[] WithoutBody = [$"post {Model}/slices/{{name}}:backfill", $"post {Model}/monitors:evaluate"];

    private static readonly string[] Window = ["version", "environment", "from", "to"];

    public static TheoryData<string, string[]> QueryParameters => new()
    {
        { $"{Model}/drift", ["baseline", .. Window, "slice", "where"] },
        { $"{Model}/performance", [.. Window, "slice", "granularity"] },
        { $"{Model}/slices", [.. Window, "sort", "minSize", "limit"] },
        { $"{Model}/slices/{{slice}}", [.. Window, "granularity"] },
        { $"{Model}/worst-slices", [.. Window, "baseline", "metric", "minSize", "maxConditions", "alpha", "limit"] },
        { $"{Model}/root-cause", ["baseline", .. Window, "metric", "slice", "where", "source"] },
        { $"{Model}/recommendations", ["baseline", .. Window] },
        { $"{Model}/compare", ["versions", "from", "to", "metric", "baseline", "minSize", "slices"] },
        { $"{Model}/skew", ["reference", "current", "version", "from", "to", "referenceFrom", "referenceTo", "tolerance"] },
        { $"{Model}/examples", [.. Window, "slice", "where", "labelled", "misclassified", "minError", "limit", "format"] },
        { "/v1/alerts", ["model", "state", "from", "to", "after", "limit"] },
        { "/v1/alerts/stream", ["model", "modelId", "after"] },
    };

    [Fact]
    public async Task Document_GivesEveryV1Operation_ASuccessAnswerWithASchema_OrSaysItHasNoBody()
    {
        var faults = new List<string>();
        foreach (var (name, operation) in await V1OperationsAsync())
        {
            var successes = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
            if (successes.Count == 0)
            {
                faults.Add($"{name}: no success answer");
            }

            foreach (var success in successes)
            {
                faults.AddRange(SuccessFaults($"{name} {success.Name}", success.Name, success.Value));
            }
        }

        Assert.Empty(faults);
    }

    [Fact]
    public async Task Document_GivesEveryV1OperationThatReadsABody_ItsSchema()
    {
        var writes = (await V1OperationsAsync()).Where(o => o.Name.StartsWith("put ", StringComparison.Ordinal) || o.Name.StartsWith("post ", StringComparison.Ordinal)).ToList();

        var withoutSchema = writes
            .Where(o => !WithoutBody.Contains(o.Name))
            .Where(o => !(o.Operation.TryGetProperty("requestBody", out var body)
                && body.GetProperty("content").TryGetProperty("application/json", out var json)
                && HasSchema(json)))
            .Select(o => o.Name);

        Assert.True(writes.Count >= 11, $"only {writes.Count} writes were found");
        Assert.Empty(withoutSchema);
    }

    [Fact]
    public async Task Document_GivesEveryV1JsonRequestBody_AnExampleThatConformsToItsSchema()
    {
        using var document = await DocumentAsync();
        var check = new SchemaCheck(document.RootElement);
        var bodies = (await V1OperationsAsync())
            .Where(o => o.Operation.TryGetProperty("requestBody", out _))
            .Select(o => (o.Name, Json: o.Operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json")))
            .ToList();

        var faults = bodies.SelectMany(b => b.Json.TryGetProperty("example", out var example)
            ? check.Problems(b.Json.GetProperty("schema"), example).Select(p => $"{b.Name}: {p}")
            : [$"{b.Name}: no example"]);

        Assert.True(bodies.Count >= 9, $"only {bodies.Count} request bodies were found");
        Assert.Empty(faults);
    }

    [Theory]
    [InlineData($"post {Model}/records")]
    [InlineData($"post {Model}/actuals")]
    public async Task Document_GivesAnIngestBody_TheSchemaOfOneNdjsonLine_BesideTheJsonArray(string name)
    {
        var operation = (await V1OperationsAsync()).Single(o => o.Name == name).Operation;
        var content = operation.GetProperty("requestBody").GetProperty("content");

        Assert.Equal("array", content.GetProperty("application/json").GetProperty("schema").GetProperty("type").GetString());
        Assert.True(content.GetProperty("application/x-ndjson").GetProperty("schema").TryGetProperty("$ref", out _));
    }

    [Theory]
    [MemberData(nameof(QueryParameters))]
    public async Task Document_NamesEveryQueryParameterTheHandlerReads_WithADescriptionAndAnExample(string path, string[] names)
    {
        using var document = await DocumentAsync();
        var parameters = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), parameters.Select(p => p.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("description").GetString())));
        Assert.All(parameters, p => Assert.True(p.TryGetProperty("example", out _)));
    }

    [Fact]
    public async Task Document_DescribesEveryPathParameterOfEveryV1Operation_WithAnExample()
    {
        var parameters = (await V1OperationsAsync())
            .SelectMany(o => o.Operation.TryGetProperty("parameters", out var all) ? all.EnumerateArray().Select(p => (o.Name, Parameter: p)) : [])
            .Where(p => p.Parameter.GetProperty("in").GetString() == "path")
            .ToList();

        var undescribed = parameters
            .Where(p => !(p.Parameter.TryGetProperty("description", out var description) && description.GetString()!.Length > 0 && p.Parameter.TryGetProperty("example", out _)))
            .Select(p => $"{p.Name} {p.Parameter.GetProperty("name")}");

        Assert.True(parameters.Count >= 40, $"only {parameters.Count} path parameters were found");
        Assert.Empty(undescribed);
    }

    [Fact]
    public async Task Document_AnswersTheExamplesInEachFormat_AndTheAlertStreamAsServerSentEvents()
    {
        var operations = await V1OperationsAsync();
        var examples = operations.Single(o => o.Name == $"get {Model}/examples").Operation.GetProperty("responses").GetProperty("200").GetProperty("content");
        var stream = operations.Single(o => o.Name == "get /v1/alerts/stream").Operation.GetProperty("responses").GetProperty("200").GetProperty("content");

        Assert.Equal(
            ["application/vnd.apache.parquet", "application/x-ndjson", "text/csv"],
            examples.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, examples.GetProperty("application/x-ndjson").GetProperty("schema").GetProperty("oneOf").GetArrayLength());
        Assert.True(stream.TryGetProperty("text/event-stream", out _));
    }

    private static IEnumerable<string> SuccessFaults(string name, string status, JsonElement response)
    {
        var hasContent = response.TryGetProperty("content", out var content) && content.EnumerateObject().Any();
        if (status == "204")
        {
            return hasContent ? [$"{name}: a 204 with a body"] : [];
        }

        if (!hasContent)
        {
            return [$"{name}: no body documented"];
        }

        return content.EnumerateObject()
            .Where(media => !Downloads.Contains(media.Name) && !HasSchema(media.Value))
            .Select(media => $"{name} {media.Name}: no schema");
    }

    // A schema that says something: a reference, a type or a choice (not the empty schema that allows anything).
    private static bool HasSchema(JsonElement media) =>
        media.TryGetProperty("schema", out var schema)
        && new[] { "$ref", "type", "oneOf", "anyOf", "allOf" }.Any(keyword => schema.TryGetProperty(keyword, out _));

    private async Task<List<(string Name, JsonElement Operation)>> V1OperationsAsync()
    {
        using var document = await DocumentAsync();
        return [.. document.RootElement.Clone().GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => ($"{o.Name} {p.Name}", o.Value)))];
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        using var response = await server.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
    }
}
