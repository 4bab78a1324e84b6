using OrleansEval.Server.Storage;
using OrleansEval.Testing;

namespace OrleansEval.Server.Tests.Faults;

/// <summary>
/// Azurite keeping its data on disk, on ports chosen once, so that it can be stopped and started again on the same
/// ports and data — as an operator restarts it. It is always stopped gracefully (SIGTERM): Azurite confirms a blob write
/// before its metadata database is on disk, so a kill -9 of Azurite itself can lose writes it acknowledged, which no
/// client of it can prevent.
/// </summary>
internal sealed class DiskAzurite(string dataDirectory) : IAsyncDisposable
{
    private readonly int _blobPort = FreePorts.Next();
    private readonly int _queuePort = FreePorts.Next();
    private readonly int _tablePort = FreePorts.Next();
    private AzuriteLauncher? _launcher;

    public string ConnectionString => AzuriteLauncher.BuildConnectionString(_blobPort, _queuePort, _tablePort);

    public bool IsRunning => _launcher is not null;

    public async Task StartAsync()
    {
        if (_launcher is not null)
        {
            throw new InvalidOperationException("Azurite is already running.");
        }

        var launcher = AzuriteLauncher.Create();
        try
        {
            await launcher.EnsureInstalledAsync();
            await launcher.StartAsync(new AzuriteStartOptions
            {
                BlobPort = _blobPort,
                QueuePort = _queuePort,
                TablePort = _tablePort,
                DataDirectory = dataDirectory,
                StartupTimeout = TimeSpan.FromSeconds(60),
            });
        }
        catch
        {
            await launcher.DisposeAsync();
            throw;
        }

        if (!launcher.StartedByUs)
        {
            await launcher.DisposeAsync();
            throw new InvalidOperationException($"Something else already listens on port {_blobPort}; the test needs its own Azurite.");
        }

        _launcher = launcher;
    }

    /// <summary>Stops Azurite gracefully (the launcher sends SIGTERM and waits for it to exit).</summary>
    public async Task StopAsync()
    {
        var launcher = Interlocked.Exchange(ref _launcher, null);
        if (launcher is not null)
        {
            await launcher.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
