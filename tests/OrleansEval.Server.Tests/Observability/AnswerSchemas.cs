using System.Text;
using System.Text.Json;

namespace OrleansEval.Server.Tests.Observability;

/// <summary>
/// The documented answer schema of each weather question, taken from the OpenAPI document the server publishes, so a
/// real answer can be held to it: the goldens' reads (by the prefix of their names) and every answer of a question
/// that says its own <see cref="DocumentedAnswer"/>.
/// </summary>
public static class AnswerSchemas
{
    private const string Model = "/v1/models/{modelId}";

    /// <summary>The operation whose answer a golden question is, by its name: an exact name or a prefix ending in '-'.</summary>
    private static readonly (string Name, DocumentedAnswer Answer)[] Golden =
    [
        ("models", DocumentedAnswer.Get("/v1/models")),
        ("model", DocumentedAnswer.Get(Model)),
        ("baseline-", DocumentedAnswer.Get($"{Model}/baselines/{{name}}")),
        ("drift-", DocumentedAnswer.Get($"{Model}/drift")),
        ("performance-", DocumentedAnswer.Get($"{Model}/performance")),
        ("slices-", DocumentedAnswer.Get($"{Model}/slices")),
        ("slice-", DocumentedAnswer.Get($"{Model}/slices/{{slice}}")),
        ("monitors", DocumentedAnswer.Get($"{Model}/monitors")),
        ("monitor-", DocumentedAnswer.Get($"{Model}/monitors/{{name}}")),
        ("monitors-evaluate", new("post", $"{Model}/monitors:evaluate")),
        ("alerts", DocumentedAnswer.Get("/v1/alerts")),
        ("alerts-", DocumentedAnswer.Get("/v1/alerts")),
    ];

    /// <summary>The documented answer of the golden question <paramref name="name"/>, or null when it is not an HTTP read of the document.</summary>
    public static DocumentedAnswer? Of(string name) =>
        Golden.FirstOrDefault(g => g.Name == name).Answer
        ?? Golden.FirstOrDefault(g => g.Name.EndsWith('-') && name.StartsWith(g.Name, StringComparison.Ordinal)).Answer;

    /// <summary>The schema <paramref name="document"/> gives <paramref name="answer"/>.</summary>
    public static JsonElement SchemaOf(JsonElement document, DocumentedAnswer answer) =>
        document.GetProperty("paths").GetProperty(answer.Path).GetProperty(answer.Method).GetProperty("responses").GetProperty(answer.Status)
            .GetProperty("content").GetProperty(answer.MediaType).GetProperty("schema");

    /// <summary>Every way each golden answer in <paramref name="answers"/> that <see cref="Of"/> knows breaks its documented schema.</summary>
    public static List<string> Problems(JsonElement document, IEnumerable<KeyValuePair<string, byte[]>> answers) =>
        Problems(document, answers.Where(a => Of(a.Key) is not null).Select(a => (a.Key, Of(a.Key)!, a.Value)));

    /// <summary>Every way each answer breaks the schema documented for it; an NDJSON answer line by line.</summary>
    public static List<string> Problems(JsonElement document, IEnumerable<(string Name, DocumentedAnswer Answer, byte[] Body)> answers)
    {
        var check = new SchemaCheck(document);
        var problems = new List<string>();
        foreach (var (name, answer, body) in answers)
        {
            var schema = SchemaOf(document, answer);
            var values = answer.MediaType == DocumentedAnswer.Ndjson
                ? Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                : [Encoding.UTF8.GetString(body)];
            for (var i = 0; i < values.Length; i++)
            {
                using var json = JsonDocument.Parse(values[i]);
                var at = values.Length == 1 ? name : $"{name} line {i + 1}";
                problems.AddRange(check.Problems(schema, json.RootElement).Select(p => $"{at} {p}"));
            }
        }

        return problems;
    }
}
