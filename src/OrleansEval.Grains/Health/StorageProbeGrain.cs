using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;

namespace OrleansEval.Grains.Health;

/// <summary>
/// Reads and writes one small record through the grains' own storage, within <see cref="Timeout"/>, so that a health
/// check sees what a grain would see: a store that is gone, refuses writes, or answers too slowly.
/// </summary>
// One activation per silo: it probes the storage client of the silo it runs on, one probe at a time.
[StatelessWorker(1)]
internal sealed class StorageProbeGrain(
    [FromKeyedServices(StorageNames.State)] IGrainStorage storage,
    TimeProvider time) : Grain, IStorageProbeGrain
{
    /// <summary>How long a probe may take before storage is reported as not answering.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private const string StateName = "storage-probe";
    private const int MaxReasonLength = 200;

    public async Task<string?> ProbeAsync()
    {
        try
        {
            await ReadAndWriteAsync().WaitAsync(Timeout, time);
            return null;
        }
        catch (TimeoutException)
        {
            return $"no answer within {Timeout.TotalSeconds:F0} s";
        }
        catch (Exception e)
        {
            var message = e.Message.Split('\n', 2)[0].Trim();
            return $"{e.GetType().Name}: {(message.Length <= MaxReasonLength ? message : message[..MaxReasonLength])}";
        }
    }

    private async Task ReadAndWriteAsync()
    {
        var record = new GrainState<ProbeRecord>(new ProbeRecord());
        await storage.ReadStateAsync(StateName, this.GetGrainId(), record);
        (record.State ??= new ProbeRecord()).Written = time.GetUtcNow();
        try
        {
            await storage.WriteStateAsync(StateName, this.GetGrainId(), record);
        }
        catch (InconsistentStateException)
        {
            // Another silo's probe wrote the record in between: the store answered, which is all a probe asks.
        }
    }
}
