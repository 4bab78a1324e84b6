using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace OrleansEval.Server.Hosting;

/// <summary>
/// Gives gRPC its own plaintext HTTP/2 endpoint (<c>Grpc:Port</c>, 5081 by default; 0 turns it off) on <c>Grpc:Host</c>:
/// an IP address, or <c>*</c> for every interface; unset, 127.0.0.1 in Development and every interface elsewhere.
/// Kestrel ignores <c>--urls</c>, <c>Urls</c> and <c>ASPNETCORE_HTTP_PORTS</c> once endpoints are set in code, so
/// those addresses are bound here too (HTTP/1.1, and HTTP/2 where TLS can negotiate it), first, so that they stay the server's first address.
/// </summary>
public static class GrpcEndpoint
{
    /// <summary>Configuration key of the gRPC port.</summary>
    public const string PortKey = "Grpc:Port";

    /// <summary>Configuration key of the address the gRPC endpoint listens on.</summary>
    public const string HostKey = "Grpc:Host";

    /// <summary>Port of the gRPC endpoint when the configuration names none.</summary>
    public const int DefaultPort = 5081;

    /// <summary>The address ASP.NET Core listens on when nothing else is configured.</summary>
    private const string DefaultUrl = "http://localhost:5000";

    /// <summary>Adds the gRPC endpoint, and the configured HTTP addresses beside it.</summary>
    public static WebApplicationBuilder AddGrpcEndpoint(this WebApplicationBuilder builder)
    {
        var port = builder.Configuration.GetValue(PortKey, DefaultPort);
        if (port == 0)
        {
            return builder;
        }

        var urls = HttpUrls(builder.Configuration);
        var host = GrpcHost(builder.Configuration[HostKey], builder.Environment.IsDevelopment());

        // Bound below instead; left set, Kestrel would warn that it overrides them. A source added last wins.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [WebHostDefaults.ServerUrlsKey] = string.Empty,
            [WebHostDefaults.HttpPortsKey] = string.Empty,
            [WebHostDefaults.HttpsPortsKey] = string.Empty,
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in urls)
            {
                Listen(kestrel, url);
            }

            if (host is null)
            {
                kestrel.ListenAnyIP(port, listen => listen.Protocols = HttpProtocols.Http2);
            }
            else
            {
                kestrel.Listen(host, port, listen => listen.Protocols = HttpProtocols.Http2);
            }
        });
        return builder;
    }

    // The address to listen on; null means every interface.
    private static IPAddress? GrpcHost(string? configured, bool isDevelopment)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return isDevelopment ? IPAddress.Loopback : null;
        }

        if (configured.Trim() is "*" or "+" or "0.0.0.0")
        {
            return null;
        }

        return IPAddress.TryParse(configured.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"{HostKey}: '{configured}' is not an IP address or '*'.");
    }

    /// <summary>The HTTP addresses the configuration names (<c>Urls</c>, else the HTTP(S) ports), else ASP.NET Core's default.</summary>
    internal static List<string> HttpUrls(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        if (!string.IsNullOrWhiteSpace(urls))
        {
            return [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        var ports = Ports(configuration[WebHostDefaults.HttpPortsKey], "http").Concat(Ports(configuration[WebHostDefaults.HttpsPortsKey], "https")).ToList();
        return ports.Count > 0 ? ports : [DefaultUrl];
    }

    private static IEnumerable<string> Ports(string? ports, string scheme) =>
        (ports ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://*:{p}");

    private static void Listen(KestrelServerOptions kestrel, string url)
    {
        var address = BindingAddress.Parse(url);
        void Configure(ListenOptions listen)
        {
            // HTTP/2 beside HTTP/1.1 needs TLS to negotiate it; plaintext HTTP/2 is the gRPC endpoint's alone.
            if (string.Equals(address.Scheme, "https", StringComparison.OrdinalIgnoreCase))
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps();
            }
            else
            {
                listen.Protocols = HttpProtocols.Http1;
            }
        }

        if (address.IsUnixPipe)
        {
            kestrel.ListenUnixSocket(address.UnixPipePath, Configure);
        }
        else if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(address.Port, Configure);
        }
        else if (IPAddress.TryParse(address.Host, out var ip))
        {
            kestrel.Listen(ip, address.Port, Configure);
        }
        else
        {
            // "*", "+", or a host name: every interface, as Kestrel does for them.
            kestrel.ListenAnyIP(address.Port, Configure);
        }
    }
}
