using System.Net;
using System.Text;
using System.Text.Json;
using OrleansEval.Server.Tests.Faults;
using OrleansEval.Testing;
using Xunit.Abstractions;

namespace OrleansEval.Server.Tests.Cluster;

/// <summary>
/// A cluster of real processes on one Azurite on disk: silo processes (<c>--role silo</c>, Azure Table membership,
/// advertising 127.0.0.1, each on its own free ports) and one gateway process (<c>--role gateway</c>) that the test
/// talks to. Every process has its own log in a temporary folder; on failure the test prints their tails. Disposing
/// the scenario ends every process it started and deletes the folder.
/// </summary>
internal sealed class ClusterScenario : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const int TailLines = 40;

    private readonly ITestOutputHelper _output;
    private readonly string _directory;
    private readonly ServerSettings[] _siloSettings;
    private readonly ServerProcess?[] _silos;
    private readonly ServerSettings _gatewaySettings;
    private ServerProcess? _gateway;

    private ClusterScenario(ITestOutputHelper output, string directory, int silos)
    {
        _output = output;
        _directory = directory;
        Azurite = new DiskAzurite(Path.Combine(directory, "azurite"));
        var common = ServerSettings.Fresh(Azurite.ConnectionString);
        ClusterId = common.ClusterId;
        _siloSettings = [.. Enumerable.Range(0, silos).Select(_ => common with
        {
            HttpPort = FreePorts.Next(),
            SiloPort = FreePorts.Next(),
            GatewayPort = FreePorts.Next(),
            ExtraArguments = ["--Role=silo", "--Cluster:Membership=AzureTable", "--Cluster:AdvertisedIP=127.0.0.1"],
        })];
        _silos = new ServerProcess?[silos];
        _gatewaySettings = common with { ExtraArguments = ["--Role=gateway", "--Cluster:Membership=AzureTable"] };
        // Longer than Orleans' 30 s response timeout, so a call to a grain on a killed silo is seen answered (503), not cut.
        Client = common.Client(BaseAddress, TimeSpan.FromSeconds(60));
        ApiKey = common.ApiKey;
    }

    public DiskAzurite Azurite { get; }

    public string ClusterId { get; }

    public int SiloCount => _silos.Length;

    /// <summary>The gateway's HTTP address.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{_gatewaySettings.HttpPort}");

    /// <summary>For the test's own calls to the gateway; the ingest load has its own.</summary>
    public HttpClient Client { get; }

    /// <summary>The admin key the gateway is given.</summary>
    public string ApiKey { get; }

    /// <summary>Starts Azurite, <paramref name="silos"/> silos and the gateway, and waits until each answers /healthz.</summary>
    public static async Task<ClusterScenario> StartAsync(ITestOutputHelper output, int silos)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"orleanseval-cluster-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var scenario = new ClusterScenario(output, directory, silos);
        try
        {
            await scenario.Azurite.StartAsync();
            for (var silo = 0; silo < silos; silo++)
            {
                scenario._silos[silo] = ServerProcess.Start(scenario._siloSettings[silo], scenario.LogPath(silo));
            }

            await Task.WhenAll(Enumerable.Range(0, silos).Select(scenario.WaitSiloHealthyAsync));
            scenario._gateway = ServerProcess.Start(scenario._gatewaySettings, scenario.GatewayLogPath);
            await scenario._gateway.WaitHealthyAsync(scenario.Client, StartTimeout);
            return scenario;
        }
        catch
        {
            scenario.PrintLogTails();
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>kill -9 of silo <paramref name="silo"/>.</summary>
    public Task KillSiloAsync(int silo) => Silo(silo).KillAsync();

    /// <summary>Stops silo <paramref name="silo"/> gracefully (SIGTERM), starts it again on the same ports, and waits until it is healthy.</summary>
    public async Task RestartSiloAsync(int silo)
    {
        var process = Silo(silo);
        await process.StopAsync();
        await process.DisposeAsync();
        _silos[silo] = ServerProcess.Start(_siloSettings[silo], LogPath(silo));
        await WaitSiloHealthyAsync(silo);
    }

    /// <summary>Registers a regression model with one numeric feature through the gateway; answers its id.</summary>
    public async Task<string> CreateModelAsync()
    {
        var modelId = $"cluster-{Guid.NewGuid():N}"[..20];
        using var content = new StringContent("""{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}""", Encoding.UTF8, "application/json");
        using var response = await Client.PutAsync(new Uri($"/v1/models/{modelId}", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return modelId;
    }

    /// <summary>
    /// The records the gateway counts for the model over all its series; null for a 503 (with Retry-After, which the
    /// gateway must send) while membership has not yet noticed a dead silo.
    /// </summary>
    public async Task<long?> CountAsync(string modelId)
    {
        using var response = await Client.GetAsync(new Uri($"/v1/models/{modelId}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            Assert.True(response.Headers.RetryAfter is not null, $"a 503 without Retry-After: {body}");
            return null;
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /v1/models/{modelId} answered {(int)response.StatusCode}: {body}");
        using var model = JsonDocument.Parse(body);
        return model.RootElement.GetProperty("series").EnumerateArray()
            .Sum(s => s.GetProperty("records").ValueKind == JsonValueKind.Number ? s.GetProperty("records").GetInt64() : 0);
    }

    /// <summary>
    /// Activations of the evaluation store's own grains per active silo, from the gateway's <c>GET /v1/cluster</c>; every
    /// silo the scenario started must be listed there as active.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> ActivationsBySiloAsync()
    {
        using var response = await Client.GetAsync(new Uri("/v1/cluster", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /v1/cluster answered {(int)response.StatusCode}: {body}");
        using var cluster = JsonDocument.Parse(body);
        var active = cluster.RootElement.GetProperty("silos").EnumerateArray()
            .Where(s => s.GetProperty("status").GetString() == "Active")
            .ToDictionary(s => s.GetProperty("address").GetString()!, s => s.GetProperty("activations").GetInt32(), StringComparer.Ordinal);
        Assert.True(active.Count == SiloCount, $"GET /v1/cluster lists {active.Count} active silos of {SiloCount}: {body}");
        Assert.Equal(active.Values.Sum(), cluster.RootElement.GetProperty("activations").GetInt32());
        return active;
    }

    /// <summary>Prints the tail of every process's log; false, so that it can run in an exception filter.</summary>
    public bool PrintLogTails(Exception? failure = null)
    {
        foreach (var path in Enumerable.Range(0, _silos.Length).Select(LogPath).Append(GatewayLogPath))
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                _output.WriteLine($"---- last {TailLines} lines of {Path.GetFileName(path)}");
                // Stack frames are left out: a tail of frames hides what the processes were doing.
                foreach (var line in reader.ReadToEnd().Split('\n').Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).TakeLast(TailLines))
                {
                    _output.WriteLine(line.TrimEnd('\r'));
                }
            }
            catch (IOException e)
            {
                _output.WriteLine($"{path} could not be read: {e.Message}");
            }
        }

        // Again after the tails, so a runner that keeps only the end of the output still shows why the test failed.
        if (failure is not null)
        {
            _output.WriteLine($"---- the test failed: {failure.Message}");
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }
        }

        await Azurite.DisposeAsync();
        Client.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException e)
        {
            _output.WriteLine($"{_directory} was left behind: {e.Message}");
        }
    }

    private string LogPath(int silo) => Path.Combine(_directory, $"silo-{silo}.log");

    private string GatewayLogPath => Path.Combine(_directory, "gateway.log");

    private ServerProcess Silo(int silo) => _silos[silo] ?? throw new InvalidOperationException($"Silo {silo} has not been started.");

    private async Task WaitSiloHealthyAsync(int silo)
    {
        using var client = new HttpClient { BaseAddress = Silo(silo).BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await Silo(silo).WaitHealthyAsync(client, StartTimeout);
    }
}
