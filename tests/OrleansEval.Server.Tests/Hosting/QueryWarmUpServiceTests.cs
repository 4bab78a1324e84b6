using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using OrleansEval.Grains.Hosting;
using OrleansEval.Server.Hosting;
using OrleansEval.Sketches.FailureModes;
using OrleansEval.Testing;

namespace OrleansEval.Server.Tests.Hosting;

/// <summary>
/// The query paths' warm-up runs at start, before the silo and the web server, and has finished when the server answers
/// <c>/healthz</c>; each role warms its own part only (the engine and the grain calls where grains are, the gateway's
/// writers where the API is); <c>OrleansEval:WarmUp=false</c> leaves it out; a warm-up that fails is logged and the
/// start goes on.
/// </summary>
public sealed class QueryWarmUpServiceTests
{
    private const string Category = "OrleansEval.Server.Hosting.QueryWarmUpService";

    // Every call of the query paths (12) is carried twice, its request and its answer; the writers write over a thousand bytes.
    private const string GrainCalls = "grain calls \\([1-9][0-9]{2,} methods compiled, 26 requests and answers carried\\)";
    private const string Gateway = "gateway \\([1-9][0-9]{3,} bytes of answers written\\)";
    private const string AllParts = "^Warmed the query paths in [0-9]+ ms: engine, " + GrainCalls + ", " + Gateway + "$";
    private const string SiloParts = "^Warmed the query paths in [0-9]+ ms: engine, " + GrainCalls + "$";
    private const string GatewayParts = "^Warmed the query paths in [0-9]+ ms: " + Gateway + "$";

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
        Assert.Matches(AllParts, warmed.Message);
    }

    [Fact]
    public async Task Start_AsASiloOnly_WarmsTheEngineAndTheGrainCallsAndNotTheGateway()
    {
        await using var server = new ServerFactory(settings: new Dictionary<string, string>(InformationOfTheWarmUp) { [ServerRoles.Key] = "silo" });
        using var client = server.CreateClient();

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var warmed = Assert.Single(server.Logs.AtLeast(LogLevel.Information), e => e.Category == Category);
        Assert.Matches(SiloParts, warmed.Message);
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

    [Theory]
    [InlineData(ServerRole.All)]
    [InlineData(ServerRole.Silo)]
    [InlineData(ServerRole.Gateway)]
    public async Task StartAsync_WhenTheWarmUpThrows_LogsTheFailureAndReturns(ServerRole role)
    {
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var warmUp = new QueryWarmUpService(role, services, new BrokenOptions(), Options.Create(new OrleansEvalOptions()), Started(), TimeProvider.System, factory.CreateLogger<QueryWarmUpService>());

        await warmUp.StartAsync(CancellationToken.None);

        var failed = Assert.Single(logs.AtLeast(LogLevel.Warning));
        Assert.StartsWith("The query paths' warm-up failed", failed.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(failed.Exception);
    }

    [Theory]
    [InlineData(ServerRole.All, AllParts)]
    [InlineData(ServerRole.Silo, SiloParts)]
    [InlineData(ServerRole.Gateway, GatewayParts)]
    public async Task StartAsync_InARole_WarmsThatRolesPartsOnly(ServerRole role, string parts)
    {
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var warmUp = new QueryWarmUpService(role, services, Options.Create(new FailureModeOptions()), Options.Create(new OrleansEvalOptions()), Started(), TimeProvider.System, factory.CreateLogger<QueryWarmUpService>());

        await warmUp.StartAsync(CancellationToken.None);

        var warmed = Assert.Single(logs.AtLeast(LogLevel.Information));
        Assert.Matches(parts, warmed.Message);
    }

    [Fact]
    public async Task StartAsync_OnceTheProcessHasStarted_RunsTheAnswersPathsTheRepeatsMoreTimesInTheBackground()
    {
        const int Repeats = 3;
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        using var warmUp = new QueryWarmUpService(ServerRole.All, services, Options.Create(new FailureModeOptions()), Options.Create(new OrleansEvalOptions { WarmUpRepeats = Repeats }), lifetime, TimeProvider.System, factory.CreateLogger<QueryWarmUpService>());

        await warmUp.StartAsync(CancellationToken.None);
        var beforeStart = logs.AtLeast(LogLevel.Information).Count;
        lifetime.NotifyStarted();
        await Eventually.UntilAsync(() => logs.AtLeast(LogLevel.Information).Count >= 2, "the repeats logged their end", TimeSpan.FromMinutes(3));

        await warmUp.StopAsync(CancellationToken.None);

        Assert.Equal(1, beforeStart);
        var messages = logs.AtLeast(LogLevel.Information).Select(e => e.Message).ToList();
        Assert.Equal(2, messages.Count);
        var once = long.Parse(Regex.Match(messages[0], "gateway \\(([0-9]+) bytes").Groups[1].Value, CultureInfo.InvariantCulture);
        var repeated = Regex.Match(messages[1], "^Ran the query paths ([0-9]+) more times in [0-9]+ ms \\(([0-9]+) bytes of answers written\\)");
        Assert.True(repeated.Success, messages[1]);
        Assert.Equal(Repeats, int.Parse(repeated.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(Repeats * once, long.Parse(repeated.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static ApplicationLifetime Started() => new(NullLogger<ApplicationLifetime>.Instance);

    /// <summary>Options whose reading fails, as a broken configuration would make it.</summary>
    private sealed class BrokenOptions : IOptions<FailureModeOptions>
    {
        public FailureModeOptions Value => throw new InvalidOperationException("the failure-mode settings could not be read");
    }
}
