using System.Collections.Immutable;
using Orleans.Streams;
using OrleansEval.Alerts;

namespace OrleansEval.Grains.Tests.Monitors;

/// <summary>A test subscriber to the cluster-wide alert stream that lives on whichever silo it is placed on.</summary>
[Alias("OrleansEval.Tests.IAlertProbeGrain")]
public interface IAlertProbeGrain : IGrainWithStringKey
{
    /// <summary>Subscribes to the alert stream and answers the silo this grain runs on.</summary>
    [Alias("Start")]
    Task<string> StartAsync();

    /// <summary>The sequences received so far, for one model, in arrival order.</summary>
    [Alias("Received")]
    Task<ImmutableArray<long>> ReceivedAsync(string modelId);
}

/// <summary>Keeps every alert it receives in memory; placed at random, so that a test can find one on a given silo.</summary>
[Orleans.Placement.RandomPlacement]
public sealed class AlertProbeGrain(ILocalSiloDetails silo) : Grain, IAlertProbeGrain
{
    private readonly List<Alert> _received = [];

    public async Task<string> StartAsync()
    {
        var stream = this.GetStreamProvider(AlertStreams.Provider).GetStream<Alert>(StreamId.Create(AlertStreams.Namespace, AlertStreams.Key));
        await stream.SubscribeAsync((alert, _) =>
        {
            _received.Add(alert);
            return Task.CompletedTask;
        });
        return silo.SiloAddress.ToString();
    }

    public Task<ImmutableArray<long>> ReceivedAsync(string modelId) =>
        Task.FromResult<ImmutableArray<long>>([.. _received.Where(a => a.ModelId == modelId).Select(a => a.Sequence)]);
}
