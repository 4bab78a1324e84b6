using OrleansEval.Server.Storage;

namespace OrleansEval.Server.Tests.Storage;

/// <summary>
/// A private in-memory Azurite on free ports for the storage tests, installed with npm on first use. It never skips:
/// when Azurite cannot start, every test of the collection fails with the launcher's message.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteLauncher? _launcher;

    public string ConnectionString => Launcher.ConnectionString;

    internal AzuriteLauncher Launcher =>
        _launcher ?? throw new InvalidOperationException("Azurite has not been started.");

    public async Task InitializeAsync()
    {
        _launcher = AzuriteLauncher.Create();
        await _launcher.EnsureInstalledAsync();
        await _launcher.StartAsync(new AzuriteStartOptions());
    }

    public async Task DisposeAsync()
    {
        if (_launcher is not null)
        {
            await _launcher.DisposeAsync();
        }
    }
}
