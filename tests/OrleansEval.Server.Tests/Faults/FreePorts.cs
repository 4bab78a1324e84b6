using System.Net;
using System.Net.Sockets;

namespace OrleansEval.Server.Tests.Faults;

/// <summary>Ports nothing listens on now, on 127.0.0.1, for the processes a fault test starts.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
