using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OrleansEval.Testing;

namespace OrleansEval.Server.Tests.Faults;

/// <summary>
/// The ports the fault, cluster and Kestrel tests start processes on. A server once failed to start because its
/// gateway's port was its Azurite's queue port (two choices of the kernel, each free when it was made): these rule
/// that out, and keep the choices from the range the kernel hands to outgoing connections.
/// </summary>
public sealed class FreePortsTests
{
    private const int Count = 300;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    [Fact]
    public void Next_ManyTimes_NeverTheSamePortTwiceEachFreeAndBelowTheEphemeralRange()
    {
        var ports = Enumerable.Range(0, Count).Select(_ => FreePorts.Next()).ToList();

        Assert.Equal(Count, ports.Distinct().Count());
        using var listener = new TcpListener(IPAddress.Loopback, ports[^1]);
        listener.Start();

        // The range is known on Linux (CI's system); elsewhere the kernel chooses and this part does not apply.
        if (File.Exists(EphemeralRangeFile))
        {
            var first = File.ReadAllText(EphemeralRangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0];
            var ephemeralStart = int.Parse(first, CultureInfo.InvariantCulture);
            Assert.All(ports, port => Assert.InRange(port, 1024, ephemeralStart - 1));
        }
    }
}
