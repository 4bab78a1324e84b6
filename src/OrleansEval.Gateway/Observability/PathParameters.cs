using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Observability;

/// <summary>
/// Describes every path parameter of a v1 operation with its rule and an example: the model id, the name of the
/// baseline, slice, monitor or webhook the path names (from the segment before it), a slice, a validation or a key id.
/// </summary>
internal sealed class PathParameters : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Description.RelativePath ?? string.Empty;
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path))
        {
            var (description, example) = Describe(parameter.Name ?? string.Empty, path);
            parameter.Description ??= description;
            parameter.Example ??= JsonValue.Create(example);
        }

        return Task.CompletedTask;
    }

    private static (string Description, string Example) Describe(string name, string path) => name switch
    {
        "modelId" => ($"The model's id: {NameRules.ModelIdRule}.", "weather"),
        "slice" => ("A named slice, or conditions such as `location = Seattle`.", "location = Seattle"),
        "validationId" => ("The id a validation's creation answered.", "3f2c9a0e5b7d4c1f8e6a2b9d0c7e4f1a"),
        "id" => ("The id of a stored key, as its creation and the listing answer it.", "4f1a2b9d0c7e"),
        "name" => ($"The {KindBefore(path)}'s name: {NameRules.NameRule}.", ExampleOf(KindBefore(path))),
        _ => ($"The {name} the path names.", name),
    };

    // The collection a {name} belongs to: the segment before it, in the singular.
    private static string KindBefore(string path)
    {
        var segments = path.Split('/');
        var at = Array.FindIndex(segments, s => s.StartsWith("{name}", StringComparison.Ordinal));
        return at > 0 ? segments[at - 1].TrimEnd('s') : "item";
    }

    private static string ExampleOf(string kind) => kind switch
    {
        "baseline" => "training",
        "slice" => "seattle-warm",
        "monitor" => "temp-max-psi",
        "webhook" => "on-call",
        _ => "name",
    };
}
