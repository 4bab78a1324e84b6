using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Keys;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// At silo start, activates every partition of every registered model's ingest log (as many as the model was defined with), so entries a crash left unstored
/// in the grains are replayed now rather than when the model's next batch comes. A failure is logged, not thrown: a
/// log also replays whenever it is next activated.
/// </summary>
internal sealed partial class IngestLogRecovery(IGrainFactory grains, IOptions<OrleansEvalOptions> options, ILogger<IngestLogRecovery> logger)
    : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        try
        {
            var models = await grains.GetGrain<IModelRegistryGrain>(0).ListAsync();
            var held = await Task.WhenAll(models.Select(RecoverAsync));
            var entries = held.Sum();
            LogRecovered(logger, models.Length, entries);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRecoveryFailed(logger, e);
        }
    }

    // One model's failure does not keep the others from replaying.
    private async Task<int> RecoverAsync(string modelId)
    {
        try
        {
            if (await grains.GetGrain<IModelGrain>(modelId).GetAsync() is not { } model)
            {
                return 0;
            }

            var partitions = IngestWorker.LogPartitions(model, options.Value);
            var held = await Task.WhenAll(Enumerable.Range(0, partitions).Select(p => grains.GetGrain<IIngestLogGrain>(IngestLogKey.For(modelId, p)).RecoverAsync()));
            return held.Sum();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogModelRecoveryFailed(logger, e, modelId);
            return 0;
        }
    }

    [LoggerMessage(EventId = 1506, Level = LogLevel.Information, Message = "Woke the ingest logs of {Models} models; they hold {Entries} entries not yet trimmed")]
    private static partial void LogRecovered(ILogger logger, int models, int entries);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Warning, Message = "Could not wake the ingest logs at start; each replays when it is next used")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1514, Level = LogLevel.Warning, Message = "Could not wake the ingest log of model {Model} at start; it replays when it is next used")]
    private static partial void LogModelRecoveryFailed(ILogger logger, Exception exception, string model);
}
