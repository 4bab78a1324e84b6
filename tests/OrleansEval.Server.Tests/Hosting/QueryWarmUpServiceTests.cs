using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.Grains.Hosting;
using OrleansEval.Server.Hosting;
using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Server.Tests.Hosting;

/// <summary>
/// The query paths' warm-up runs at start, before the silo and the web server, and has finished when the server answers
/// <c>/healthz</c>; <c>OrleansEval:WarmUp=false</c> leaves it out; a warm-up that fails is logged and the start goes on.
/// </summary>
public sealed class QueryWarmUpServiceTests
{
    private const string Category = "OrleansEval.Server.Hosting.QueryWarmUpService";

    private static readonly Dictionary<string, string> InformationOfTheWarmUp = new() { [$"Logging:LogLevel:{Category}"] = "Information" };

    [Fact]
    public async Task Start_WithTheDefaults_WarmsBeforeTheSiloAndTheServerAndHasFinishedWhenHealthzAnswers()
    {
        await using var server = new ServerFactory(settings: InformationOfTheWarmUp);
        using var client = server.CreateClient();

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var started = server.Services.GetServices<IHostedService>().Select(service => service.GetType().Name).ToList();
        var warmUp = started.IndexOf(nameof(QueryWarmUpService));
        Assert.InRange(warmUp, 0, started.IndexOf("SiloHostedService") - 1);
        Assert.InRange(warmUp, 0, started.IndexOf("GenericWebHostService") - 1);
        var warmed = Assert.Single(server.Logs.AtLeast(LogLevel.Information), e => e.Category == Category);
        Assert.Equal(LogLevel.Information, warmed.Level);
        Assert.StartsWith("Warmed the query paths in ", warmed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithWarmUpOff_RunsNoWarmUp()
    {
        await using var server = new ServerFactory(settings: new Dictionary<string, string>(InformationOfTheWarmUp) { ["OrleansEval:WarmUp"] = "false" });
        using var client = server.CreateClient();

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain(server.Services.GetServices<IHostedService>(), service => service is QueryWarmUpService);
        Assert.DoesNotContain(server.Logs.AtLeast(LogLevel.Debug), e => e.Category == Category);
    }

    [Fact]
    public async Task StartAsync_WhenTheWarmUpThrows_LogsTheFailureAndReturns()
    {
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        using var services = new ServiceCollection().BuildServiceProvider();
        var warmUp = new QueryWarmUpService(services, new BrokenOptions(), Options.Create(new OrleansEvalOptions()), TimeProvider.System, factory.CreateLogger<QueryWarmUpService>());

        await warmUp.StartAsync(CancellationToken.None);

        var failed = Assert.Single(logs.AtLeast(LogLevel.Warning));
        Assert.StartsWith("The query paths' warm-up failed", failed.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(failed.Exception);
    }

    [Fact]
    public async Task StartAsync_OfTheSyntheticModel_WritesEveryAnswer()
    {
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        using var services = new ServiceCollection().BuildServiceProvider();
        var warmUp = new QueryWarmUpService(services, Options.Create(new FailureModeOptions()), Options.Create(new OrleansEvalOptions()), TimeProvider.System, factory.CreateLogger<QueryWarmUpService>());

        await warmUp.StartAsync(CancellationToken.None);

        var warmed = Assert.Single(logs.AtLeast(LogLevel.Information));
        Assert.Matches("^Warmed the query paths in [0-9]+ ms \\([1-9][0-9]{3,} bytes of answers written\\)$", warmed.Message);
    }

    /// <summary>Options whose reading fails, as a broken configuration would make it.</summary>
    private sealed class BrokenOptions : IOptions<FailureModeOptions>
    {
        public FailureModeOptions Value => throw new InvalidOperationException("the failure-mode settings could not be read");
    }
}
