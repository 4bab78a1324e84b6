using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansEval.Gateway.Observability;

/// <summary>
/// Documents the errors every v1 operation can answer, as RFC 7807 problems (<c>application/problem+json</c>) with an
/// example: 400 for input that breaks a rule, 404 for a path naming something not registered, 503 while the cluster
/// or its storage cannot answer. Applied to every operation, so an endpoint added later is documented the same way.
/// </summary>
internal sealed class ProblemResponses : IOpenApiOperationTransformer
{
    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemType = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Description.RelativePath ?? string.Empty;
        if (!path.StartsWith("v1/", StringComparison.Ordinal) || context.Document is not { } document)
        {
            return;
        }

        if (document.Components?.Schemas?.ContainsKey(ProblemSchema) != true)
        {
            document.AddComponent(ProblemSchema, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
        }

        operation.Responses ??= [];
        Add(operation, document, "400", "The input breaks a rule; `field` names it and `detail` states the rule.", "modelId", "must be 1 to 128 characters of letters, digits, '-', '_' or '.'");
        if (path.Contains('{', StringComparison.Ordinal))
        {
            Add(operation, document, "404", "The path names something that is not registered.", "modelId", "model 'weather' is not registered");
        }

        Add(operation, document, "503", "The cluster or its storage cannot answer now; send the request again later.", null, "the cluster is unavailable");
    }

    private static void Add(OpenApiOperation operation, OpenApiDocument document, string status, string description, string? field, string detail)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        var example = new JsonObject
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110",
            ["title"] = description,
            ["status"] = int.Parse(status, System.Globalization.CultureInfo.InvariantCulture),
            ["detail"] = detail,
        };
        if (field is not null)
        {
            example["field"] = field;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document), Example = example },
            },
        };
    }
}
