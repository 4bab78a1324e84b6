using Azure.Storage.Blobs;
using OrleansEval.Server.Storage;

namespace OrleansEval.Server.Tests.Storage;

[Collection(AzuriteTestGroup.Name)]
public sealed class AzuriteLauncherTests(AzuriteFixture fixture)
{
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
    public void FindPackageDirectory_FromTestOutput_FindsTheRepositoryAzuriteFolder()
    {
        var directory = AzuriteLauncher.FindPackageDirectory();

        Assert.NotNull(directory);
        Assert.Equal("azurite", Path.GetFileName(directory));
        Assert.True(File.Exists(Path.Combine(directory, "package-lock.json")));
    }

    private static async Task<string> RoundTripBlobAsync(string connectionString, string text)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient($"test-{Guid.NewGuid():N}");
        await container.CreateAsync();
        var blob = container.GetBlobClient("greeting.txt");
        await blob.UploadAsync(BinaryData.FromString(text));
        return (await blob.DownloadContentAsync()).Value.Content.ToString();
    }
}
