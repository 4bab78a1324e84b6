using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansEval.Server.Tests.Hosting;

/// <summary>
/// The real server behind a real Kestrel on 127.0.0.1 (a free port, HTTP/1.1; no gRPC endpoint), for tests that need
/// the network: raw sockets, slow senders, Kestrel's own limits. Its logs are captured; its settings are
/// <see cref="Settings"/>.
/// </summary>
public sealed class KestrelServerFixture : IAsyncLifetime
{
    private ServerFactory? _factory;

    /// <summary>
    /// Four ingest slots and a queue long and patient enough that a busy node makes clients wait rather than refuses
    /// them; a body slower than 100 bytes/s is cut off after 2 s.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Grpc:Port"] = "0",
        ["Urls"] = "http://127.0.0.1:0",
        ["Gateway:Admission:MaxConcurrentIngests"] = "4",
        ["Gateway:Admission:MaxQueuedIngests"] = "64",
        ["Gateway:Admission:QueueTimeout"] = "00:00:05",
        ["Gateway:MinBodyRate:BytesPerSecond"] = "100",
        ["Gateway:MinBodyRate:GracePeriod"] = "00:00:02",
    };

    internal CapturedLogs Logs => _factory!.Logs;

    /// <summary>The server's HTTP address, http://127.0.0.1:port/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public Task InitializeAsync()
    {
        _factory = new ServerFactory(settings: Settings);
        _factory.UseKestrel();
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Select(a => new Uri(a)).First(a => a.Host == "127.0.0.1"), "/");
        return Task.CompletedTask;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(15) };

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
