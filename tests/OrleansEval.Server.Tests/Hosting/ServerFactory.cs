using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OrleansEval.Server.Tests.Hosting;

/// <summary>
/// Hosts the real server (silo and gateway in one process) in memory: its own free silo ports and cluster id, and
/// either memory storage or the given Azure Storage connection string.
/// </summary>
public sealed class ServerFactory(string? storageConnectionString = null, string? clusterId = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Provider", storageConnectionString is null ? "Memory" : "AzureBlob");
        if (storageConnectionString is not null)
        {
            builder.UseSetting("Storage:ConnectionString", storageConnectionString);
        }

        builder.UseSetting("Cluster:ClusterId", clusterId ?? $"test-{Guid.NewGuid():N}");
        builder.UseSetting("Cluster:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Cluster:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Demo:Replay", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
