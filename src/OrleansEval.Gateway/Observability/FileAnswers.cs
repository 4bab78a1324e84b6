using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansEval.Gateway.Observability;

/// <summary>Adds every <see cref="FileAnswer"/> an endpoint carries to its 200 answer, as a media type without a schema.</summary>
internal sealed class FileAnswers : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var file in context.Description.ActionDescriptor.EndpointMetadata.OfType<FileAnswer>())
        {
            operation.Responses ??= [];
            if (!operation.Responses.TryGetValue("200", out var answer))
            {
                answer = new OpenApiResponse { Description = "OK" };
                operation.Responses["200"] = answer;
            }

            var response = (OpenApiResponse)answer;
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[file.MediaType] = new OpenApiMediaType();
            response.Description = $"{response.Description} {file.Description}".Trim();
        }

        return Task.CompletedTask;
    }
}
