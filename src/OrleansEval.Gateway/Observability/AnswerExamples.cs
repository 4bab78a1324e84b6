using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansEval.Gateway.Observability;

/// <summary>
/// Gives each success answer of a v1 operation its example: a real answer of the weather demo, trimmed to a few items,
/// kept as a file of <c>Observability/AnswerExamples/</c> named after the operation (<c>get-models-modelId-drift.json</c>
/// for GET /v1/models/{modelId}/drift; a <c>-202</c> before the extension for one status alone). A <c>.json</c> file is
/// the example of the <c>application/json</c> answer; each line of a <c>.ndjson</c> file is an example of one line of
/// the <c>application/x-ndjson</c> answer, whose documented schema is that of a line.
/// </summary>
internal sealed class AnswerExamples : IOpenApiOperationTransformer
{
    private const string Json = "application/json";

    private static readonly Assembly Files = typeof(AnswerExamples).Assembly;

    /// <summary>The file name, without status or extension, of the examples of an operation: method, then its path after <c>v1/</c>.</summary>
    public static string NameOf(string method, string relativePath) =>
        $"{method.ToLowerInvariant()}-{relativePath["v1/".Length..]}"
            .Replace('/', '-')
            .Replace(':', '-')
            .Replace("{", string.Empty, StringComparison.Ordinal)
            .Replace("}", string.Empty, StringComparison.Ordinal);

    /// <summary>The text of the example file <paramref name="file"/>, or null when there is none.</summary>
    public static string? Read(string file)
    {
        using var stream = Files.GetManifestResourceStream($"AnswerExamples/{file}");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The names of every example file.</summary>
    public static IEnumerable<string> All() =>
        Files.GetManifestResourceNames().Where(n => n.StartsWith("AnswerExamples/", StringComparison.Ordinal)).Select(n => n["AnswerExamples/".Length..]);

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Description.RelativePath ?? string.Empty;
        if (!path.StartsWith("v1/", StringComparison.Ordinal) || operation.Responses is null || context.Description.HttpMethod is not { } method)
        {
            return Task.CompletedTask;
        }

        var name = NameOf(method, path);
        foreach (var (status, answer) in operation.Responses.Where(r => r.Key.StartsWith('2')))
        {
            if (answer is not OpenApiResponse { Content: { } content })
            {
                continue;
            }

            if (content.TryGetValue(Json, out var json) && (Read($"{name}-{status}.json") ?? Read($"{name}.json")) is { } text)
            {
                json.Example = JsonNode.Parse(text);
            }

            if (content.TryGetValue(NdjsonLines.MediaType, out var ndjson) && Read($"{name}.ndjson") is { } lines)
            {
                ndjson.Examples = LineExamples(lines);
            }
        }

        return Task.CompletedTask;
    }

    private static Dictionary<string, IOpenApiExample> LineExamples(string lines) =>
        lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((line, index) => (line, index))
            .ToDictionary(
                l => $"line{l.index + 1}",
                l => (IOpenApiExample)new OpenApiExample { Summary = $"Line {l.index + 1} of an answer", Value = JsonNode.Parse(l.line) });
}
