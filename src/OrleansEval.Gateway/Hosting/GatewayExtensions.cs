using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Admission;
using OrleansEval.Gateway.Alerts;
using OrleansEval.Gateway.Auth;
using OrleansEval.Gateway.Baselines;
using OrleansEval.Gateway.Cluster;
using OrleansEval.Gateway.Compare;
using OrleansEval.Gateway.Dashboard;
using OrleansEval.Gateway.Drift;
using OrleansEval.Gateway.Examples;
using OrleansEval.Gateway.Grpc;
using OrleansEval.Gateway.Health;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Models;
using OrleansEval.Gateway.Monitors;
using OrleansEval.Gateway.Performance;
using OrleansEval.Gateway.Recommendations;
using OrleansEval.Gateway.Records;
using OrleansEval.Gateway.RootCause;
using OrleansEval.Gateway.Skew;
using OrleansEval.Gateway.Slices;
using OrleansEval.Gateway.Validation;
using OrleansEval.Gateway.Webhooks;
using OrleansEval.Gateway.WorstSlices;

namespace OrleansEval.Gateway.Hosting;

/// <summary>Adds the HTTP API to an ASP.NET Core application that can reach the cluster through <see cref="IGrainFactory"/>.</summary>
public static class GatewayExtensions
{
    /// <summary>
    /// Registers the gateway's options (sections <see cref="GatewayOptions.SectionName"/> and
    /// <see cref="AdmissionOptions.SectionName"/>, validated at start), its admission limiter and body budget, problem details
    /// and gRPC with admission of its ingest methods.
    /// </summary>
    public static IServiceCollection AddOrleansEvalGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.AddOptions<AdmissionOptions>().BindConfiguration(AdmissionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdmissionOptions>, AdmissionOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<AdmissionLimiter>();
        services.TryAddSingleton<BodyBudget>();
        services.TryAddSingleton<IngestMetrics>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<ClusterUnavailableHandler>();
        services.TryAddSingleton<AlertFeed>();
        services.TryAddSingleton<IAlertFeed>(sp => sp.GetRequiredService<AlertFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<AlertFeed>());
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<AdmissionInterceptor>();
            grpc.Interceptors.Add<UnavailabilityInterceptor>();
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<OrleansEvalService>, OrleansEvalMethodProvider>());
        return services;
    }

    /// <summary>Registers what <c>/healthz</c> alone needs, for a process that serves no API (a silo-only process).</summary>
    public static IServiceCollection AddOrleansEvalHealth(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        return services;
    }

    /// <summary>Maps <c>/healthz</c> alone: the cluster and grain storage probes, without the v1 API.</summary>
    public static IEndpointRouteBuilder MapOrleansEvalHealth(this IEndpointRouteBuilder routes)
    {
        HealthEndpoints.Map(routes);
        return routes;
    }

    /// <summary>Maps every endpoint of the v1 API, its gRPC service, /healthz and the dashboard's pages at /; ingest goes through admission control once its body has arrived.</summary>
    public static IEndpointRouteBuilder MapOrleansEvalGateway(this IEndpointRouteBuilder routes)
    {
        ModelEndpoints.Map(routes);
        RecordEndpoints.Map(routes);
        BaselineEndpoints.Map(routes);
        DriftEndpoints.Map(routes);
        PerformanceEndpoints.Map(routes);
        SliceEndpoints.Map(routes);
        ExampleEndpoints.Map(routes);
        BackfillEndpoints.Map(routes);
        WorstSliceEndpoints.Map(routes);
        CompareEndpoints.Map(routes);
        SkewEndpoints.Map(routes);
        ValidationEndpoints.Map(routes);
        RootCauseEndpoints.Map(routes);
        RecommendationEndpoints.Map(routes);
        MonitorEndpoints.Map(routes);
        AlertEndpoints.Map(routes);
        ClusterEndpoints.Map(routes);
        KeyEndpoints.Map(routes);
        WebhookEndpoints.Map(routes);
        routes.MapGrpcService<OrleansEvalService>();
        HealthEndpoints.Map(routes);
        DashboardEndpoints.Map(routes);
        return routes;
    }
}
