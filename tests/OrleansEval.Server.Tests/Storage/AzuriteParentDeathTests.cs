using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using OrleansEval.Server.Storage;
using OrleansEval.Testing;

namespace OrleansEval.Server.Tests.Storage;

/// <summary>
/// The Azurite a development server starts keeps what it confirmed when that server dies with SIGKILL: the server
/// process really runs (Development environment, Azurite on free ports with an on-disk location), a blob is written,
/// the server is killed at once, and a fresh Azurite on the same location still serves the blob.
/// </summary>
[Collection(AzuriteTestGroup.Name)]
public sealed partial class AzuriteParentDeathTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _location = Path.Combine(Path.GetTempPath(), $"orleanseval-azurite-{Guid.NewGuid():N}");
    private readonly int[] _ports = [FreePorts.Next(), FreePorts.Next(), FreePorts.Next()];

    [Fact]
    public async Task StartForDevelopment_WhenTheServerIsKilled_AzuriteStopsGracefullyAndKeepsTheBlobItConfirmed()
    {
        var text = $"confirmed before the server died {Guid.NewGuid():N}";
        var container = $"parent-death-{Guid.NewGuid():N}";
        var connectionString = AzuriteLauncher.BuildConnectionString(_ports[0], _ports[1], _ports[2]);
        int azuritePid;
        using (var server = await StartServerAsync())
        {
            azuritePid = await server.AzuriteReadyAsync(_ports);
            try
            {
                var blobs = new BlobServiceClient(connectionString).GetBlobContainerClient(container);
                await blobs.CreateAsync();
                await blobs.GetBlobClient("confirmed.txt").UploadAsync(BinaryData.FromString(text));
            }
            catch (Exception exception) when (exception is Azure.RequestFailedException or AggregateException)
            {
                throw new InvalidOperationException($"Azurite did not take the blob: {server.Log()}", exception);
            }

            server.Process.Kill(entireProcessTree: false);
            await server.Process.WaitForExitAsync();
        }

        await WaitUntilAzuriteExitedAsync(azuritePid);

        await using var restarted = AzuriteLauncher.Create();
        await restarted.StartAsync(new AzuriteStartOptions
        {
            BlobPort = _ports[0],
            QueuePort = _ports[1],
            TablePort = _ports[2],
            DataDirectory = _location,
        });
        Assert.True(restarted.StartedByUs);
        var blob = new BlobServiceClient(restarted.ConnectionString).GetBlobContainerClient(container).GetBlobClient("confirmed.txt");
        Assert.True(await blob.ExistsAsync(), "the blob Azurite confirmed before its parent died is gone after it exited");
        Assert.Equal(text, (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_location))
        {
            Directory.Delete(_location, recursive: true);
        }
    }

    private async Task<ServerProcess> StartServerAsync()
    {
        await using (var launcher = AzuriteLauncher.Create())
        {
            await launcher.EnsureInstalledAsync();
        }

        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add("exec");
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OrleansEval.Server.dll"));
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Urls"] = $"http://127.0.0.1:{FreePorts.Next()}",
            ["Grpc__Port"] = "0",
            ["Cluster__ClusterId"] = $"parent-death-{Guid.NewGuid():N}",
            ["Cluster__SiloPort"] = Invariant(FreePorts.Next()),
            ["Cluster__GatewayPort"] = Invariant(FreePorts.Next()),
            ["Demo__Replay"] = "false",
            ["Azurite__BlobPort"] = Invariant(_ports[0]),
            ["Azurite__QueuePort"] = Invariant(_ports[1]),
            ["Azurite__TablePort"] = Invariant(_ports[2]),
            ["Azurite__DataDirectory"] = _location,
        };
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key] = value;
        }

        return new ServerProcess(Process.Start(startInfo) ?? throw new InvalidOperationException("the server did not start"));
    }

    /// <summary>Waits for Azurite to close its blob port and exit; kills it and fails when it outlives the deadline.</summary>
    private async Task WaitUntilAzuriteExitedAsync(int azuritePid)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < Deadline)
        {
            if (!IsRunning(azuritePid) && !await AzuriteLauncher.IsPortOpenAsync(_ports[0]))
            {
                return;
            }

            await Task.Delay(PollInterval);
        }

        using var azurite = Process.GetProcessById(azuritePid);
        azurite.Kill();
        Assert.Fail($"Azurite (pid {azuritePid}) was still running {Deadline.TotalSeconds} s after the server that started it died");
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }


    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Azurite \(pid (\d+)\) is ready")]
    private static partial Regex AzuriteReadyLine();

    /// <summary>The server process, with its output read into a log and watched for Azurite's pid.</summary>
    private sealed class ServerProcess : IDisposable
    {
        private readonly TaskCompletionSource<int> _azuritePid = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<string> _log = [];

        public ServerProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Read(e.Data);
            process.ErrorDataReceived += (_, e) => Read(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        /// <summary>Azurite's pid once the server logged it ready and its ports accept connections.</summary>
        public async Task<int> AzuriteReadyAsync(int[] ports)
        {
            try
            {
                var pid = await _azuritePid.Task.WaitAsync(Deadline);
                foreach (var port in ports)
                {
                    Assert.True(await AzuriteLauncher.IsPortOpenAsync(port), $"Azurite does not listen on {port}");
                }

                return pid;
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"the server did not start Azurite within {Deadline.TotalSeconds} s: {Log()}");
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }

        private void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_log)
            {
                _log.Add(line);
            }

            if (AzuriteReadyLine().Match(line) is { Success: true } match)
            {
                _azuritePid.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        public string Log()
        {
            lock (_log)
            {
                return string.Join('\n', _log.TakeLast(40));
            }
        }
    }
}
