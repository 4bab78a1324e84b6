using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrleansEval.Testing;

/// <summary>
/// Ports of 127.0.0.1 for the servers, silos and Azurites a test starts: free when chosen, and never handed out twice in
/// one test process, so two processes a test starts (a server's gateway and its Azurite's queue, say) never get the same
/// port. Where the kernel's ephemeral range can be read (Linux), they come from below it, so no outgoing connection of
/// any process takes one as its local port between the choice and the bind; elsewhere the kernel picks.
/// </summary>
internal static class FreePorts
{
    private const int Lowest = 20_000;
    private const int MaxAttempts = 1_000;
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> HandedOut = [];
    private static readonly int EphemeralStart = ReadEphemeralStart();

    // Where this process starts looking, apart from other test processes running beside it.
    private static int _next = Lowest + Random.Shared.Next(Math.Max(1, EphemeralStart - Lowest));

    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var port = Candidate();
                if (HandedOut.Add(port) && IsFree(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free port of 127.0.0.1 was found in {MaxAttempts} attempts.");
    }

    private static int Candidate()
    {
        if (EphemeralStart - Lowest < MaxAttempts)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var port = _next;
        _next = port + 1 < EphemeralStart ? port + 1 : Lowest;
        return port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // The first port of the kernel's ephemeral range (Linux's default is 32768); Lowest where it cannot be read.
    private static int ReadEphemeralStart()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        if (!File.Exists(RangeFile))
        {
            return Lowest;
        }

        var first = File.ReadAllText(RangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0];
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : Lowest;
    }
}
