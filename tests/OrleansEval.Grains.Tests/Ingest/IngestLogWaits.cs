using OrleansEval.GrainInterfaces;
using OrleansEval.Testing;
using OrleansEval.Keys;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>Waits on a model's ingest log.</summary>
internal static class IngestLogWaits
{
    /// <summary>Waits until the model's log (one partition) holds no entry: every grain stored what it changed.</summary>
    public static Task UntilTrimmedAsync(IGrainFactory grains, string modelId, TimeSpan timeout) =>
        Eventually.UntilAsync(
            () => grains.GetGrain<IIngestLogGrain>(IngestLogKey.For(modelId, 0)).RecoverAsync(),
            held => held == 0,
            held => $"the ingest log still holds {held} entries",
            timeout);
}
