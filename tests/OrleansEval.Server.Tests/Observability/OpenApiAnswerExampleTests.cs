using System.Net;
using System.Text.Json;
using OrleansEval.Gateway.Observability;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Observability;

/// <summary>
/// The examples of the success answers in the OpenAPI document: every success answer of a v1 operation that has a
/// JSON or NDJSON schema carries an example, each example conforms to that schema by the strict <see cref="SchemaCheck"/>
/// (an undocumented field or a missing required one is a fault), and every example file is the example of some answer.
/// </summary>
[Collection(ServerTestGroup.Name)]
public sealed class OpenApiAnswerExampleTests(ServerFixture server)
{
    private const string Json = "application/json";
    private const string Ndjson = "application/x-ndjson";

    [Fact]
    public async Task Document_GivesEverySuccessAnswerWithASchema_AnExampleThatConformsToIt()
    {
        using var document = await DocumentAsync();
        var check = new SchemaCheck(document.RootElement);
        var answers = SuccessAnswers(document.RootElement)
            .SelectMany(a => a.Content.EnumerateObject().Where(m => m.Name is Json or Ndjson && m.Value.TryGetProperty("schema", out _))
                .Select(m => (Name: $"{a.Name} {m.Name}", Media: m.Value)))
            .ToList();

        var faults = answers.SelectMany(a => Examples(a.Media) is { Count: > 0 } examples
            ? examples.SelectMany(e => check.Problems(a.Media.GetProperty("schema"), e.Value).Select(p => $"{a.Name} {e.Name}: {p}"))
            : [$"{a.Name}: no example"]);

        Assert.True(answers.Count >= 37, $"only {answers.Count} success answers with a schema were found");
        Assert.Empty(faults);
    }

    [Fact]
    public async Task ExampleFiles_AreEachTheExampleOfADocumentedSuccessAnswer()
    {
        using var document = await DocumentAsync();
        var used = SuccessAnswers(document.RootElement)
            .SelectMany(a => new[] { $"{a.File}.json", $"{a.File}-{a.Status}.json", $"{a.File}.ndjson" })
            .ToHashSet(StringComparer.Ordinal);

        var files = AnswerExamples.All().ToList();

        Assert.True(files.Count >= 35, $"only {files.Count} example files were found");
        Assert.DoesNotContain(files, f => !used.Contains(f));
    }

    [Fact]
    public async Task Document_GivesTheExamplesNdjsonAnswer_ALineOfEachShape()
    {
        using var document = await DocumentAsync();
        var check = new SchemaCheck(document.RootElement);
        var media = document.RootElement.GetProperty("paths").GetProperty("/v1/models/{modelId}/examples").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty(Ndjson);
        var shapes = media.GetProperty("schema").GetProperty("oneOf").EnumerateArray().ToList();

        var unexampled = shapes.Where(shape => !Examples(media).Any(e => check.Problems(shape, e.Value).Count == 0));

        Assert.Equal(2, shapes.Count);
        Assert.Empty(unexampled);
    }

    // Each 2xx answer of a v1 operation that has a body: its name, status, content and the name of its example files.
    private static List<(string Name, string Status, JsonElement Content, string File)> SuccessAnswers(JsonElement document) =>
        [.. document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().SelectMany(o => o.Value.GetProperty("responses").EnumerateObject()
                .Where(r => r.Name.StartsWith('2') && r.Value.TryGetProperty("content", out _))
                .Select(r => ($"{o.Name} {p.Name} {r.Name}", r.Name, r.Value.GetProperty("content"), AnswerExamples.NameOf(o.Name, p.Name[1..])))))];

    // The example of a media type, or each of its named examples.
    private static List<(string Name, JsonElement Value)> Examples(JsonElement media)
    {
        if (media.TryGetProperty("example", out var example))
        {
            return [("example", example)];
        }

        return media.TryGetProperty("examples", out var examples)
            ? [.. examples.EnumerateObject().Select(e => (e.Name, e.Value.GetProperty("value")))]
            : [];
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        using var response = await server.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
    }
}
