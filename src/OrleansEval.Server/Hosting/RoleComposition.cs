using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansEval.Gateway.Auth;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Observability;
using OrleansEval.Grains.Hosting;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Memory;

namespace OrleansEval.Server.Hosting;

/// <summary>
/// What each <see cref="ServerRole"/> runs: a silo (grains, storage, membership) or an Orleans client, and the whole
/// HTTP/gRPC API or only <c>/healthz</c>.
/// </summary>
public static class RoleComposition
{
    /// <summary>Adds the silo or the client, and the API or the health endpoint, that <paramref name="role"/> calls for.</summary>
    public static WebApplicationBuilder AddOrleansEvalRole(this WebApplicationBuilder builder, ServerRole role, string? storageConnectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Registered before the silo and the web server, so the host starts them after it: the first request finds its code
        // warm. Each role warms only the code it runs: the engine and the grain side where grains are, the writers where the API is.
        if (builder.Configuration.GetValue($"{OrleansEvalOptions.SectionName}:{nameof(OrleansEvalOptions.WarmUp)}", defaultValue: true))
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<QueryWarmUpService>(services, role));
        }

        if (role.HostsGrains())
        {
            builder.UseOrleans(silo => silo.UseOrleansEvalServer(builder.Configuration, builder.Environment, storageConnectionString).AddOrleansEvalDashboard(builder.Configuration));
        }
        else
        {
            builder.UseOrleansClient(client => client.UseOrleansEvalClient(builder.Configuration, storageConnectionString).AddOrleansEvalDashboard(builder.Configuration));
        }

        builder.AddKestrelLimits();
        builder.AddHeapGovernor();
        builder.Services.AddOrleansEvalMetrics();
        builder.AddOrleansEvalDashboardPort();
        if (role.ServesApi())
        {
            builder.Services.AddOrleansEvalGateway();
            builder.Services.AddOrleansEvalKeys(OpenAccessRule.From(builder.Configuration, builder.Environment));
            builder.Services.AddOrleansEvalApiDocumentation();
            builder.AddGrpcEndpoint();
            builder.Services.AddDemoReplay(builder.Configuration);
        }
        else
        {
            builder.Services.AddOrleansEvalHealth();
        }

        return builder;
    }

    /// <summary>Maps the v1 API and /healthz, or /healthz alone for a silo-only process.</summary>
    public static WebApplication MapOrleansEvalRole(this WebApplication app, ServerRole role)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOrleansEvalMetrics();
        app.MapOrleansEvalDashboard();
        if (role.ServesApi())
        {
            app.UseOrleansEvalKeys();
            app.MapOrleansEvalGateway();
            app.MapOrleansEvalApiDocumentation();
        }
        else
        {
            app.MapOrleansEvalHealth();
        }

        return app;
    }
}
