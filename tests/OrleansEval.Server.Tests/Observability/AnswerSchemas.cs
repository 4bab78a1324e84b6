using System.Text.Json;

namespace OrleansEval.Server.Tests.Observability;

/// <summary>
/// The documented answer schema of each weather question of drift, performance and slices, taken from the OpenAPI
/// document the server publishes (its 200 <c>application/json</c> response), so a real answer can be held to it.
/// </summary>
public static class AnswerSchemas
{
    /// <summary>The GET operation whose answer a question of that name prefix is.</summary>
    private static readonly (string Prefix, string Path)[] Operations =
    [
        ("drift-", "/v1/models/{modelId}/drift"),
        ("performance-", "/v1/models/{modelId}/performance"),
        ("slices-", "/v1/models/{modelId}/slices"),
        ("slice-", "/v1/models/{modelId}/slices/{slice}"),
    ];

    /// <summary>The documented path of the answer of the question <paramref name="name"/>, or null when it is not one of drift, performance or slices.</summary>
    public static string? PathOf(string name) => Operations.FirstOrDefault(o => name.StartsWith(o.Prefix, StringComparison.Ordinal)).Path;

    /// <summary>The schema of the 200 answer of GET <paramref name="path"/> in <paramref name="document"/>.</summary>
    public static JsonElement Of(JsonElement document, string path) =>
        document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");

    /// <summary>Every way each answer of drift, performance and slices in <paramref name="answers"/> breaks its documented schema.</summary>
    public static List<string> Problems(JsonElement document, IEnumerable<KeyValuePair<string, byte[]>> answers)
    {
        var check = new SchemaCheck(document);
        var problems = new List<string>();
        foreach (var (name, answer) in answers)
        {
            if (PathOf(name) is { } path)
            {
                using var json = JsonDocument.Parse(answer);
                problems.AddRange(check.Problems(Of(document, path), json.RootElement).Select(p => $"{name} {p}"));
            }
        }

        return problems;
    }
}
