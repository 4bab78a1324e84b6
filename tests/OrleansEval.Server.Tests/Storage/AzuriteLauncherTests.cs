using System.Runtime.InteropServices;
using Azure.Storage.Blobs;
using OrleansEval.Server.Storage;

namespace OrleansEval.Server.Tests.Storage;

[Collection(AzuriteTestGroup.Name)]
public sealed class AzuriteLauncherTests(AzuriteFixture fixture)
{
    private const int SigInt = 2;

    [Fact]
    public async Task StartAsync_InMemoryOnFreePorts_ServesBlobsAndClosesPortsWhenDisposed()
    {
        int[] ports;
        await using (var launcher = AzuriteLauncher.Create())
        {
            await launcher.EnsureInstalledAsync();
            await launcher.StartAsync(new AzuriteStartOptions());
            ports = [launcher.BlobPort, launcher.QueuePort, launcher.TablePort];

            Assert.True(launcher.StartedByUs);
            Assert.Equal(3, ports.Distinct().Count());
            Assert.Contains($"BlobEndpoint=http://127.0.0.1:{launcher.BlobPort}/devstoreaccount1;", launcher.ConnectionString, StringComparison.Ordinal);
            Assert.Equal("written and read back", await RoundTripBlobAsync(launcher.ConnectionString, "written and read back"));
        }

        foreach (var port in ports)
        {
            Assert.False(await AzuriteLauncher.IsPortOpenAsync(port), $"port {port} is still open after the launcher was disposed");
        }
    }

    [Fact]
    public async Task StartAsync_WhenBlobPortAlreadyListens_ReusesThatEmulatorAndLeavesItRunning()
    {
        var running = fixture.Launcher;
        await using (var launcher = AzuriteLauncher.Create())
        {
            await launcher.StartAsync(new AzuriteStartOptions
            {
                BlobPort = running.BlobPort,
                QueuePort = running.QueuePort,
                TablePort = running.TablePort,
            });

            Assert.False(launcher.StartedByUs);
            Assert.Equal(fixture.ConnectionString, launcher.ConnectionString);
            Assert.Equal("through the reused emulator", await RoundTripBlobAsync(launcher.ConnectionString, "through the reused emulator"));
        }

        Assert.True(await AzuriteLauncher.IsPortOpenAsync(running.BlobPort));
    }

    [Fact]
    public async Task StartAsync_WhenQueuePortIsTaken_FailsWithAzuritesError()
    {
        await using var launcher = AzuriteLauncher.Create();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            launcher.StartAsync(new AzuriteStartOptions { QueuePort = fixture.Launcher.QueuePort }));

        Assert.Contains("EADDRINUSE", error.Message, StringComparison.Ordinal);
        Assert.True(await AzuriteLauncher.IsPortOpenAsync(fixture.Launcher.QueuePort), "the failed start disturbed the running emulator");
    }

    [Fact]
    public async Task StopAsyncThenRestartAsync_OnDisk_KeepsPortsAndEveryBlobWrittenBeforeTheStop()
    {
        var location = Path.Combine(Path.GetTempPath(), $"orleanseval-azurite-{Guid.NewGuid():N}");
        try
        {
            await using var launcher = AzuriteLauncher.Create();
            await launcher.EnsureInstalledAsync();
            await launcher.StartAsync(new AzuriteStartOptions { DataDirectory = location });
            var connectionString = launcher.ConnectionString;
            var blob = await WriteBlobAsync(connectionString, "written just before the stop");

            await launcher.StopAsync();
            Assert.Null(launcher.ProcessId);
            Assert.False(await AzuriteLauncher.IsPortOpenAsync(launcher.BlobPort), "Azurite still listens after StopAsync");
            await launcher.RestartAsync();

            Assert.Equal(connectionString, launcher.ConnectionString);
            var reread = new BlobServiceClient(launcher.ConnectionString).GetBlobContainerClient(blob.BlobContainerName).GetBlobClient(blob.Name);
            Assert.Equal("written just before the stop", (await reread.DownloadContentAsync()).Value.Content.ToString());
        }
        finally
        {
            Directory.Delete(location, recursive: true);
        }
    }

    [Fact]
    public async Task KillAsyncThenRestartAsync_ServesAgainOnTheSamePorts()
    {
        await using var launcher = AzuriteLauncher.Create();
        await launcher.EnsureInstalledAsync();
        await launcher.StartAsync(new AzuriteStartOptions());
        var ports = new[] { launcher.BlobPort, launcher.QueuePort, launcher.TablePort };

        await launcher.KillAsync();
        Assert.False(await AzuriteLauncher.IsPortOpenAsync(ports[0]), "Azurite still listens after KillAsync");
        await launcher.RestartAsync();

        Assert.Equal(ports, new[] { launcher.BlobPort, launcher.QueuePort, launcher.TablePort });
        Assert.Equal("after the restart", await RoundTripBlobAsync(launcher.ConnectionString, "after the restart"));
    }

    [Fact]
    public async Task RestartAsync_WhileAzuriteRuns_Throws()
    {
        await using var launcher = AzuriteLauncher.Create();
        await launcher.EnsureInstalledAsync();
        await launcher.StartAsync(new AzuriteStartOptions());

        await Assert.ThrowsAsync<InvalidOperationException>(() => launcher.RestartAsync());
    }

    [Fact]
    public async Task Interrupt_OfAzuriteAlone_LeavesItServingUntilTheLauncherStopsIt()
    {
        await using var launcher = AzuriteLauncher.Create();
        await launcher.EnsureInstalledAsync();
        await launcher.StartAsync(new AzuriteStartOptions());

        // What a Ctrl+C in a terminal does to every process of the group, the service that started Azurite included.
        Assert.Equal(0, SendSignal(launcher.ProcessId!.Value, SigInt));

        // Azurite's own handler closes its ports within milliseconds of the signal: a second shows it did not run.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal("while the service shuts down", await RoundTripBlobAsync(launcher.ConnectionString, "while the service shuts down"));

        var blobPort = launcher.BlobPort;
        await launcher.StopAsync();
        Assert.False(await AzuriteLauncher.IsPortOpenAsync(blobPort), "Azurite still listens after StopAsync");
    }

    [Fact]
    public void FindPackageDirectory_FromTestOutput_FindsTheRepositoryAzuriteFolder()
    {
        var directory = AzuriteLauncher.FindPackageDirectory();

        Assert.NotNull(directory);
        Assert.Equal("azurite", Path.GetFileName(directory));
        Assert.True(File.Exists(Path.Combine(directory, "package-lock.json")));
    }

    private static async Task<BlobClient> WriteBlobAsync(string connectionString, string text)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient($"test-{Guid.NewGuid():N}");
        await container.CreateAsync();
        var blob = container.GetBlobClient("kept.txt");
        await blob.UploadAsync(BinaryData.FromString(text));
        return blob;
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int processId, int signal);

    private static async Task<string> RoundTripBlobAsync(string connectionString, string text)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient($"test-{Guid.NewGuid():N}");
        await container.CreateAsync();
        var blob = container.GetBlobClient("greeting.txt");
        await blob.UploadAsync(BinaryData.FromString(text));
        return (await blob.DownloadContentAsync()).Value.Content.ToString();
    }
}
