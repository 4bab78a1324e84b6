using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansEval.Gateway.Observability;

/// <summary>Names the OpenAPI document and says what the API is, for the reference page's header.</summary>
internal sealed class ApiDocument : IOpenApiDocumentTransformer
{
    /// <summary>Name of the document, the last part of its path.</summary>
    public const string Name = "v1";

    /// <summary>Title of the document and of the reference page.</summary>
    public const string Title = "OrleansEval API";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = Title,
            Version = Name,
            Description = "An evaluation store for machine-learning models: register a model, send predictions and late actuals, "
                + "and read drift, performance, slices, root causes and alerts over any window. Every error is an RFC 7807 "
                + "problem whose `field` names the input at fault.",
        };
        return Task.CompletedTask;
    }
}
