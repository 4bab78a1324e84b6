using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Observability;

/// <summary>
/// The OpenAPI document and the reference page: every v1 endpoint the application maps (read from its endpoint data
/// source, so an endpoint added later is held to this too) is in the document with each of its methods and its problem
/// errors; the page and its scripts come from this server.
/// </summary>
[Collection(ServerTestGroup.Name)]
public sealed partial class OpenApiDocumentTests(ServerFixture server)
{
    [Fact]
    public async Task Document_NamesEveryMappedV1Endpoint_WithEachOfItsMethods()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");
        var mapped = MappedV1Operations();

        var missing = mapped.Where(m => !(paths.TryGetProperty(m.Path, out var item) && item.TryGetProperty(m.Method, out _))).ToList();

        Assert.True(mapped.Count > 30, $"only {mapped.Count} v1 operations were found mapped");
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Document_GivesEveryV1OperationItsProblemErrors()
    {
        using var document = await DocumentAsync();
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Name: $"{o.Name} {p.Name}", Responses: o.Value.GetProperty("responses"))))
            .ToList();

        var withoutProblems = operations
            .Where(o => !new[] { "400", "503" }.All(status =>
                o.Responses.TryGetProperty(status, out var response)
                && response.GetProperty("content").TryGetProperty("application/problem+json", out var problem)
                && problem.TryGetProperty("example", out _)))
            .Select(o => o.Name);

        Assert.NotEmpty(operations);
        Assert.Empty(withoutProblems);
        Assert.Equal("3.1", document.RootElement.GetProperty("openapi").GetString()![..3]);
    }

    [Fact]
    public async Task Document_NamesTheQueryParametersOfDrift_ThatItsHandlerReadsFromTheRequest()
    {
        using var document = await DocumentAsync();
        var parameters = document.RootElement.GetProperty("paths").GetProperty("/v1/models/{modelId}/drift").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.TryGetProperty("required", out var r) && r.GetBoolean());

        Assert.True(parameters["baseline"]);
        Assert.False(parameters["from"]);
        Assert.Contains("slice", parameters.Keys);
        Assert.Contains("version", parameters.Keys);
    }

    [Fact]
    public async Task Docs_ServesTheReferencePageAndEveryScriptItLoads_FromThisServer()
    {
        using var page = await server.Client.GetAsync("/docs/");
        var html = await page.Content.ReadAsStringAsync();
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            Assert.DoesNotContain("//", script, StringComparison.Ordinal);
            using var response = await server.Client.GetAsync($"/docs/{script}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        using var response = await server.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
    }

    // Every (path, method) of a route under /v1, as the document spells it: lower-case method, no route constraints.
    private List<(string Path, string Method)> MappedV1Operations() =>
        [.. server.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(method => (RouteParameter().Replace(e.RoutePattern.RawText!, "{$1}"), method.ToLowerInvariant())))
            .Distinct()];

    [GeneratedRegex("""<script[^>]*\bsrc="([^"]+)"[^>]*>""")]
    private static partial Regex ScriptSource();

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
