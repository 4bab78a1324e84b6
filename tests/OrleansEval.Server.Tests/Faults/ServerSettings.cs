using System.Globalization;
using OrleansEval.Testing;

namespace OrleansEval.Server.Tests.Faults;

/// <summary>
/// What a <see cref="ServerProcess"/> is started with; one cluster id per test run, the same across restarts, and one
/// admin API key (the server runs in Production, which requires keys).
/// </summary>
internal sealed record ServerSettings(int HttpPort, int SiloPort, int GatewayPort, string ClusterId, string StorageConnectionString, string Container)
{
    public static ServerSettings Fresh(string storageConnectionString) => new(
        FreePorts.Next(),
        FreePorts.Next(),
        FreePorts.Next(),
        $"faults-{Guid.NewGuid():N}",
        storageConnectionString,
        $"faults{Guid.NewGuid():N}"[..20]);

    /// <summary>The admin key the server is given through its environment (not its command line, which is logged).</summary>
    public string ApiKey { get; init; } = $"faults-admin-{Guid.NewGuid():N}";

    /// <summary>An HTTP client of the server's API that sends <see cref="ApiKey"/>.</summary>
    public HttpClient Client(Uri baseAddress, TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    /// <summary>Arguments after the common ones: a role, a membership, an advertised address.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    public IEnumerable<string> Arguments()
    {
        yield return $"--urls=http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}";
        yield return "--Grpc:Port=0";
        yield return $"--Cluster:ClusterId={ClusterId}";
        yield return $"--Cluster:SiloPort={SiloPort.ToString(CultureInfo.InvariantCulture)}";
        yield return $"--Cluster:GatewayPort={GatewayPort.ToString(CultureInfo.InvariantCulture)}";
        yield return "--Storage:Provider=AzureBlob";
        yield return $"--Storage:ConnectionString={StorageConnectionString}";
        yield return $"--Storage:Container={Container}";
        yield return "--Demo:Replay=false";
        foreach (var argument in ExtraArguments)
        {
            yield return argument;
        }
    }
}
