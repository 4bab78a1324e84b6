using System.Globalization;
using System.Net;
using OrleansEval.Server.Tests.Hosting;
using OrleansEval.Testing;

namespace OrleansEval.Server.Tests.Corpus;

/// <summary>
/// The real server (silo, memory storage, gateway) on Kestrel: HTTP/1.1 and gRPC's plaintext HTTP/2 each on a free
/// port of 127.0.0.1, so requests travel over real sockets and can be as malformed as a socket allows.
/// </summary>
public sealed class KestrelServer : IAsyncDisposable
{
    private readonly ServerFactory _factory;

    private KestrelServer(ServerFactory factory, int httpPort, int grpcPort)
    {
        _factory = factory;
        Http = new IPEndPoint(IPAddress.Loopback, httpPort);
        Grpc = new IPEndPoint(IPAddress.Loopback, grpcPort);
    }

    /// <summary>The HTTP/1.1 endpoint.</summary>
    public IPEndPoint Http { get; }

    /// <summary>The gRPC (HTTP/2 without TLS) endpoint.</summary>
    public IPEndPoint Grpc { get; }

    /// <summary>The base address of the HTTP/1.1 endpoint.</summary>
    public Uri HttpAddress => new($"http://{Http}");

    /// <summary>Starts a server with the given settings beside the ports.</summary>
    public static KestrelServer Start(IReadOnlyDictionary<string, string> settings)
    {
        var httpPort = FreePorts.Next();
        var grpcPort = FreePorts.Next();
        var all = new Dictionary<string, string>(settings)
        {
            ["Urls"] = $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
            ["Grpc:Port"] = grpcPort.ToString(CultureInfo.InvariantCulture),
        };
        var factory = new ServerFactory(settings: all);
        factory.UseKestrel();
        factory.StartServer();
        return new KestrelServer(factory, httpPort, grpcPort);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
