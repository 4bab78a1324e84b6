using System.Net;
using Orleans.Dashboard;

namespace OrleansEval.Server.Hosting;

/// <summary>
/// Serves the Orleans dashboard when <see cref="OrleansDashboardOptions.Enabled"/> says so: its services on the silo or
/// the cluster client, its pages under <see cref="OrleansDashboardOptions.Path"/>, on its own port when one is set. Off,
/// nothing of it is added and its path answers 404.
/// </summary>
public static class OrleansDashboardHosting
{
    /// <summary>The dashboard's settings, read from <paramref name="configuration"/>; a port of its own must be a valid port.</summary>
    public static OrleansDashboardOptions Options(IConfiguration configuration)
    {
        var options = configuration.GetSection(OrleansDashboardOptions.SectionName).Get<OrleansDashboardOptions>() ?? new OrleansDashboardOptions();
        if (options.Port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new InvalidOperationException($"{OrleansDashboardOptions.SectionName}:Port: must be between 0 and {IPEndPoint.MaxPort}.");
        }

        if (!options.Path.StartsWith('/'))
        {
            throw new InvalidOperationException($"{OrleansDashboardOptions.SectionName}:Path: must start with '/'.");
        }

        return options;
    }

    /// <summary>Adds the dashboard's services to a silo, when it is enabled.</summary>
    public static ISiloBuilder AddOrleansEvalDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (Options(configuration).Enabled)
        {
            silo.AddDashboard();
        }

        return silo;
    }

    /// <summary>Adds the dashboard's services to a cluster client (a gateway-only process), when it is enabled.</summary>
    public static IClientBuilder AddOrleansEvalDashboard(this IClientBuilder client, IConfiguration configuration)
    {
        if (Options(configuration).Enabled)
        {
            client.AddDashboard();
        }

        return client;
    }

    /// <summary>Listens on the dashboard's own port, when it is enabled with one.</summary>
    public static WebApplicationBuilder AddOrleansEvalDashboardPort(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Options(builder.Configuration);
        if (!options.Enabled || options.Port == 0)
        {
            return builder;
        }

        // Kestrel binds only the endpoints set in code once one is; the gRPC endpoint binds the HTTP addresses so.
        if (builder.Configuration.GetValue(GrpcEndpoint.PortKey, GrpcEndpoint.DefaultPort) == 0)
        {
            throw new InvalidOperationException($"{OrleansDashboardOptions.SectionName}:Port: needs the gRPC endpoint on ({GrpcEndpoint.PortKey} not 0); leave it 0 to serve the dashboard under its path.");
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (options.Host.Trim() is "*" or "+" or "0.0.0.0")
            {
                kestrel.ListenAnyIP(options.Port);
            }
            else if (IPAddress.TryParse(options.Host.Trim(), out var address))
            {
                kestrel.Listen(address, options.Port);
            }
            else
            {
                throw new InvalidOperationException($"{OrleansDashboardOptions.SectionName}:Host: '{options.Host}' is not an IP address or '*'.");
            }
        });
        return builder;
    }

    /// <summary>Maps the dashboard under its path (on its own port alone when it has one), when it is enabled; it is left out of the API document.</summary>
    public static WebApplication MapOrleansEvalDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = Options(app.Configuration);
        if (!options.Enabled)
        {
            return app;
        }

        var dashboard = app.MapOrleansDashboard(options.Path).ExcludeFromDescription();
        if (options.Port != 0)
        {
            dashboard.RequireHost($"*:{options.Port}");
        }

        return app;
    }
}
