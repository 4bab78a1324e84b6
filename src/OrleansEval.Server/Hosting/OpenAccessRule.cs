using System.Net;
using OrleansEval.Gateway.Auth;

namespace OrleansEval.Server.Hosting;

/// <summary>
/// Decides whether this server may run its API without keys: only in Development, and only when every address it
/// listens on (the HTTP URLs, Kestrel's configured endpoints, the gRPC endpoint) is a loopback one.
/// </summary>
public static class OpenAccessRule
{
    /// <summary>The rule's answer for this configuration and environment; read before the gRPC endpoint rebinds the URLs.</summary>
    public static OpenAccess From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsDevelopment())
        {
            return new OpenAccess(false, $"the environment is {environment.EnvironmentName}");
        }

        var exposed = ListenAddresses(configuration).Where(url => !IsLoopback(url)).ToList();
        return exposed.Count == 0
            ? new OpenAccess(true, "Development on loopback")
            : new OpenAccess(false, $"it listens on {string.Join(", ", exposed)}");
    }

    private static IEnumerable<string> ListenAddresses(IConfiguration configuration)
    {
        foreach (var url in GrpcEndpoint.HttpUrls(configuration))
        {
            yield return url;
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { } url)
            {
                yield return url;
            }
        }

        // Unset, the gRPC endpoint of Development listens on 127.0.0.1.
        var grpcPort = configuration.GetValue(GrpcEndpoint.PortKey, GrpcEndpoint.DefaultPort);
        if (grpcPort != 0 && configuration[GrpcEndpoint.HostKey] is { } grpcHost && !string.IsNullOrWhiteSpace(grpcHost))
        {
            var host = grpcHost.Trim();
            yield return $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{grpcPort}";
        }
    }

    private static bool IsLoopback(string url)
    {
        var address = BindingAddress.Parse(url);
        if (address.IsUnixPipe || string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
