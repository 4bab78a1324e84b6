using System.Net;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace OrleansEval.Server.Tests.Faults;

/// <summary>
/// The processes and files of one fault test: Azurite on disk, the server (started, killed and started again on the
/// same storage, ports and cluster id), and a temporary folder for Azurite's data and the server's log. On failure the
/// test prints the log's tail; disposing the scenario ends every process it started and deletes the folder.
/// </summary>
internal sealed class FaultScenario : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int TailLines = 80;

    private readonly ITestOutputHelper _output;
    private readonly string _directory;
    private readonly string _logPath;
    private ServerProcess? _server;

    private FaultScenario(ITestOutputHelper output, string directory)
    {
        _output = output;
        _directory = directory;
        _logPath = Path.Combine(directory, "server.log");
        Azurite = new DiskAzurite(Path.Combine(directory, "azurite"));
        Settings = ServerSettings.Fresh(Azurite.ConnectionString);
        Client = Settings.Client(BaseAddress, TimeSpan.FromSeconds(30));
    }

    public DiskAzurite Azurite { get; }

    public ServerSettings Settings { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Settings.HttpPort}");

    /// <summary>For the test's own calls (model, counts, health); the ingest load has its own.</summary>
    public HttpClient Client { get; }

    public static async Task<FaultScenario> StartAsync(ITestOutputHelper output)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"orleanseval-faults-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var scenario = new FaultScenario(output, directory);
        try
        {
            await scenario.Azurite.StartAsync();
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server and waits until /healthz answers 200.</summary>
    public async Task StartServerAsync()
    {
        if (_server is { HasExited: false })
        {
            throw new InvalidOperationException("The server is already running.");
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _server = ServerProcess.Start(Settings, _logPath);
        await WaitHealthyAsync();
    }

    public Task WaitHealthyAsync() => Server.WaitHealthyAsync(Client, StartTimeout);

    public Task KillServerAsync() => Server.KillAsync();

    public Task StopServerAsync() => Server.StopAsync();

    /// <summary>Registers a regression model with one numeric feature; answers its id.</summary>
    public async Task<string> CreateModelAsync()
    {
        var modelId = $"faults-{Guid.NewGuid():N}"[..20];
        using var content = new StringContent("""{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}""", Encoding.UTF8, "application/json");
        using var response = await Client.PutAsync(new Uri($"/v1/models/{modelId}", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return modelId;
    }

    /// <summary>The records the server counts for the model, over all its series (GET /v1/models/{modelId}).</summary>
    public async Task<long> CountAsync(string modelId)
    {
        using var response = await Client.GetAsync(new Uri($"/v1/models/{modelId}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /v1/models/{modelId} answered {(int)response.StatusCode}: {body}");
        using var model = JsonDocument.Parse(body);
        return model.RootElement.GetProperty("series").EnumerateArray()
            .Sum(s => s.GetProperty("records").ValueKind == JsonValueKind.Number ? s.GetProperty("records").GetInt64() : 0);
    }

    /// <summary>/healthz now: its status code and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> HealthAsync()
    {
        using var response = await Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>How many lines of the server's log so far contain <paramref name="fragment"/>.</summary>
    public int LogLinesContaining(string fragment)
    {
        using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Count(line => line.Contains(fragment, StringComparison.Ordinal));
    }

    /// <summary>Prints the tail of the server's log; false, so that it can run in an exception filter that lets the exception go on.</summary>
    public bool PrintLogTail()
    {
        try
        {
            using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            _output.WriteLine($"---- last {TailLines} lines of {_logPath}");
            foreach (var line in lines.TakeLast(TailLines))
            {
                _output.WriteLine(line.TrimEnd('\r'));
            }
        }
        catch (IOException e)
        {
            _output.WriteLine($"The server log could not be read: {e.Message}");
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
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

    private ServerProcess Server => _server ?? throw new InvalidOperationException("The server has not been started.");
}
