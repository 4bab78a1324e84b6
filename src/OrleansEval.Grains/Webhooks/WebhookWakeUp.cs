using Microsoft.Extensions.Logging;
using OrleansEval.GrainInterfaces;

namespace OrleansEval.Grains.Webhooks;

/// <summary>
/// At silo start, wakes every webhook so one that was delivering or waiting to retry when its silo went down resumes
/// from its durable cursor now rather than at its next reminder.
/// </summary>
internal sealed partial class WebhookWakeUp(IGrainFactory grains, ILogger<WebhookWakeUp> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IWebhookRegistryGrain>(0).AlertsAppendedAsync(0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWakeFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Could not wake the webhooks at start; each resumes at its next reminder")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}
