using System.Net;
using System.Net.Sockets;

namespace OrleansEval.Server.Hosting;

/// <summary>
/// The addresses a silo of a multi-process cluster listens on and advertises: <see cref="ClusterOptions.AdvertisedIP"/>
/// when set, 127.0.0.1 in Development, otherwise the host's own address as Orleans resolves it.
/// </summary>
public static class SiloEndpoints
{
    /// <summary>Configures the silo's endpoints from <paramref name="cluster"/> and the environment.</summary>
    public static ISiloBuilder ConfigureOrleansEvalEndpoints(this ISiloBuilder silo, ClusterOptions cluster, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (!string.IsNullOrWhiteSpace(cluster.AdvertisedIP))
        {
            return IPAddress.TryParse(cluster.AdvertisedIP, out var address)
                ? silo.ConfigureEndpoints(address, cluster.SiloPort, cluster.GatewayPort, cluster.ListenOnAnyHostAddress)
                : silo.ConfigureEndpoints(cluster.AdvertisedIP, cluster.SiloPort, cluster.GatewayPort, AddressFamily.InterNetwork, cluster.ListenOnAnyHostAddress);
        }

        return isDevelopment
            ? silo.ConfigureEndpoints(IPAddress.Loopback, cluster.SiloPort, cluster.GatewayPort, cluster.ListenOnAnyHostAddress)
            : silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, AddressFamily.InterNetwork, cluster.ListenOnAnyHostAddress);
    }
}
