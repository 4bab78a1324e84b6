using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansEval.Gateway.Observability;

/// <summary>
/// Documents the bodies an endpoint reads or writes as a stream, which the framework cannot infer: each
/// <see cref="JsonRequest"/> as the <c>application/json</c> request body, and each <see cref="NdjsonLines"/> body as
/// <c>application/x-ndjson</c> with the schema of one line (a reference to the line's type, or one of several).
/// </summary>
internal sealed class BodySchemas : IOpenApiOperationTransformer
{
    private const string Json = "application/json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Document is not { } document)
        {
            return;
        }

        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var request in metadata.OfType<JsonRequest>())
        {
            var schema = await ReferenceAsync(request.BodyType, document, context, cancellationToken);
            RequestContent(operation)[Json] = new OpenApiMediaType
            {
                Schema = request.IsArray ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema } : schema,
                Example = request.Example is null ? null : JsonNode.Parse(request.Example),
            };
        }

        foreach (var lines in metadata.OfType<NdjsonLines>())
        {
            var choices = new List<IOpenApiSchema>();
            foreach (var type in lines.LineTypes)
            {
                choices.Add(await ReferenceAsync(type, document, context, cancellationToken));
            }

            var schema = choices.Count == 1 ? choices[0] : new OpenApiSchema { OneOf = choices };
            var content = lines.Request ? RequestContent(operation) : AnswerContent(operation);
            content[NdjsonLines.MediaType] = new OpenApiMediaType { Schema = schema };
        }
    }

    private static IDictionary<string, OpenApiMediaType> RequestContent(OpenApiOperation operation)
    {
        operation.RequestBody ??= new OpenApiRequestBody { Required = true };
        var body = (OpenApiRequestBody)operation.RequestBody;
        return body.Content ??= new Dictionary<string, OpenApiMediaType>();
    }

    private static IDictionary<string, OpenApiMediaType> AnswerContent(OpenApiOperation operation)
    {
        operation.Responses ??= [];
        if (!operation.Responses.TryGetValue("200", out var answer))
        {
            answer = new OpenApiResponse { Description = "OK: one JSON value per line." };
            operation.Responses["200"] = answer;
        }

        return ((OpenApiResponse)answer).Content ??= new Dictionary<string, OpenApiMediaType>();
    }

    private static async Task<IOpenApiSchema> ReferenceAsync(Type type, OpenApiDocument document, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
        {
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        }

        return new OpenApiSchemaReference(type.Name, document);
    }
}
