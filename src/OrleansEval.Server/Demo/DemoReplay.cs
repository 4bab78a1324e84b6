using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace OrleansEval.Server.Demo;

/// <summary>
/// Replays the weather scenario through the server's own HTTP API once it listens, so a newcomer sees drift at once.
/// Every start replays it unless its completion mark (<see cref="WeatherScenario.CompletionMonitor"/>) is there, so a
/// start that was stopped or crashed mid-replay is finished by the next one.
/// </summary>
internal sealed partial class DemoReplay(
    IOptions<DemoOptions> options,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<DemoReplay> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return;
        }

        var modelId = options.Value.ModelId;
        using var client = new HttpClient { BaseAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)) };
        var data = options.Value.DataDirectory ?? Path.Combine(AppContext.BaseDirectory, "Samples", "weather");
        var scenario = new WeatherScenario(client, data);
        try
        {
            if (await scenario.IsCompleteAsync(modelId, stoppingToken))
            {
                LogAlreadyThere(logger, modelId, address);
                return;
            }

            LogReplaying(logger, modelId);
            await scenario.ReplayAsync(modelId, stoppingToken);
            await scenario.MarkCompleteAsync(modelId, stoppingToken);
            LogReplayed(logger, modelId, address);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            LogReplayFailed(logger, e, modelId);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Replaying the weather demo as model {ModelId} (batches an earlier start applied are not applied again)")]
    private static partial void LogReplaying(ILogger logger, string modelId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "Demo ready: try {Address}/v1/models/{ModelId}/drift?baseline=training&version=v1&from=2013-07-01T00:00:00Z&to=2013-08-01T00:00:00Z")]
    private static partial void LogReplayed(ILogger logger, string modelId, string address);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information,
        Message = "Demo model {ModelId} is complete: try {Address}/v1/models/{ModelId}/drift?baseline=training&version=v1&from=2013-07-01T00:00:00Z&to=2013-08-01T00:00:00Z")]
    private static partial void LogAlreadyThere(ILogger logger, string modelId, string address);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Could not replay the weather demo as model {ModelId}: the next start finishes it")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception, string modelId);
}
