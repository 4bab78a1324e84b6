using Microsoft.Extensions.Logging;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// At silo start, activates every partition of every registered model's ingest log (as many as the model was defined with), so entries a crash left unstored
/// in the grains are replayed now rather than when the model's next batch comes. A failure is logged, not thrown: a
/// log also replays whenever it is next activated.
/// </summary>
internal sealed partial class IngestLogRecovery(IGrainFactory grains, ILogger<IngestLogRecovery> logger)
    : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        try
        {
            var models = await grains.GetGrain<IModelRegistryGrain>(0).ListAsync();
            var snapshots = await Task.WhenAll(models.Select(m => grains.GetGrain<IModelGrain>(m).GetAsync()));
            var held = await Task.WhenAll(snapshots.OfType<ModelSnapshot>().SelectMany(s =>
                Enumerable.Range(0, s.LogPartitions).Select(p => grains.GetGrain<IIngestLogGrain>(IngestLogKey.For(s.ModelId, p)).RecoverAsync())));
            var entries = held.Sum();
            LogRecovered(logger, models.Length, entries);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRecoveryFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 1506, Level = LogLevel.Information, Message = "Woke the ingest logs of {Models} models; they hold {Entries} entries not yet trimmed")]
    private static partial void LogRecovered(ILogger logger, int models, int entries);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Warning, Message = "Could not wake the ingest logs at start; each replays when it is next used")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);
}
