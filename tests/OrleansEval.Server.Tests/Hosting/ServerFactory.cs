using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansEval.Grains.Hosting;
using OrleansEval.Testing;

namespace OrleansEval.Server.Tests.Hosting;

/// <summary>
/// Hosts the real server (silo and gateway in one process) in memory: its own free silo ports and cluster id, and
/// either memory storage or the given Azure Storage connection string. It runs as Development on loopback, so its API
/// is open unless the settings configure keys.
/// </summary>
public sealed class ServerFactory(string? storageConnectionString = null, string? clusterId = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The store's clock (rolling windows of monitors, join expiry); Orleans itself keeps the system clock.</summary>
    public ManualClock Clock { get; } = new(new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>What the server logged, at the levels its settings let through (Warning and above unless they say otherwise).</summary>
    internal CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(EvaluationClock.Key, Clock));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.UseSetting("Storage:Provider", storageConnectionString is null ? "Memory" : "AzureBlob");
        if (storageConnectionString is not null)
        {
            builder.UseSetting("Storage:ConnectionString", storageConnectionString);
        }

        builder.UseSetting("Cluster:ClusterId", clusterId ?? $"test-{Guid.NewGuid():N}");
        builder.UseSetting("Cluster:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Cluster:GatewayPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Demo:Replay", "false");

        // The warm-up's background repeats (seconds of a core after start) serve a first question no test host is timed
        // on; QueryWarmUpServiceTests runs them.
        builder.UseSetting("OrleansEval:WarmUpRepeats", "0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");

        // Tests that set the store's clock by hand evaluate monitors themselves; those of evaluation on ingest turn it on.
        builder.UseSetting("OrleansEval:EvaluateOnIngest", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
