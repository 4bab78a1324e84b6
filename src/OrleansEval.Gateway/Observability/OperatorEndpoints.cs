using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

namespace OrleansEval.Gateway.Observability;

/// <summary>
/// The endpoints an operator and a tool read rather than a client: <c>/metrics</c> (Prometheus text format, through
/// OpenTelemetry), <c>/openapi/v1.json</c> (the OpenAPI 3.1 document of the v1 API) and <c>/docs</c> (its reference
/// page, served with its script from this process, asking nothing of any other host: no fonts, no telemetry). They are mapped here, together, so that one list of open paths
/// names them all.
/// </summary>
public static class OperatorEndpoints
{
    /// <summary>Path of the Prometheus scrape endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Path of the OpenAPI document.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Path of the API reference page.</summary>
    public const string DocsPath = "/docs";

    /// <summary>Exports <see cref="MetricSources.All"/> for Prometheus to scrape.</summary>
    public static IServiceCollection AddOrleansEvalMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter([.. MetricSources.All])
            // Every scrape reads the instruments afresh; Prometheus' own interval is the only rate limit needed.
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Describes the v1 API as an OpenAPI 3.1 document, with problem-details errors on every operation and an example of every success answer.</summary>
    public static IServiceCollection AddOrleansEvalApiDocumentation(this IServiceCollection services)
    {
        services.AddOpenApi(ApiDocument.Name, options =>
        {
            options.AddDocumentTransformer<ApiDocument>();
            options.AddOperationTransformer<ProblemResponses>();
            options.AddOperationTransformer<QueryParameters>();
            options.AddOperationTransformer<PathParameters>();
            options.AddOperationTransformer<BodySchemas>();
            options.AddOperationTransformer<FileAnswers>();
            options.AddOperationTransformer<AnswerExamples>();
            options.AddSchemaTransformer<NumbersAsNumbers>();
        });
        return services;
    }

    /// <summary>Maps <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapOrleansEvalMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint(MetricsPath);
        return routes;
    }

    /// <summary>Maps <c>/openapi/v1.json</c> and <c>/docs</c>.</summary>
    public static IEndpointRouteBuilder MapOrleansEvalApiDocumentation(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi("/openapi/{documentName}.json");
        routes.MapScalarApiReference(DocsPath, scalar => scalar
            .WithTitle(ApiDocument.Title)
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddDocument(ApiDocument.Name)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent());
        return routes;
    }
}
