using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// The fill of this silo's label-join buffers, on the grains' meter: the actuals its active join shards hold waiting for
/// their predictions, what those shards may hold, and the memory of their indexes of the window's prediction ids. Each
/// shard reports on activation and on every persistence tick, so the gauges lag by at most one tick; a deactivated
/// shard's figures leave them.
/// </summary>
internal sealed class JoinMetrics
{
    /// <summary>Name of the gauge of held actuals.</summary>
    public const string HeldGauge = "orleanseval.grains.join.held";

    /// <summary>Name of the gauge of the active shards' capacity.</summary>
    public const string CapacityGauge = "orleanseval.grains.join.capacity";

    /// <summary>Name of the gauge of the active shards' index memory.</summary>
    public const string IndexGauge = "orleanseval.grains.join.index";

    private readonly ConcurrentDictionary<GrainId, int> _held = new();
    private readonly ConcurrentDictionary<GrainId, long> _indexBytes = new();

    public JoinMetrics(IMeterFactory meters, IOptions<OrleansEvalOptions> options)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        var capacity = options.Value.JoinCapacityPerShard;
        var meter = meters.Create(StateWrites.MeterName);
        meter.CreateObservableUpDownCounter(HeldGauge, () => (long)_held.Values.Sum(), "{actual}", "Late actuals the active label-join shards hold, waiting for their predictions.");
        meter.CreateObservableUpDownCounter(CapacityGauge, () => (long)_held.Count * capacity, "{actual}", "Actuals the active label-join shards may hold.");
        meter.CreateObservableUpDownCounter(IndexGauge, () => _indexBytes.Values.Sum(), "By", "Memory of the active label-join shards' indexes of the prediction ids of their windows.");
    }

    /// <summary>Reports the count <paramref name="shard"/> holds now and the bytes of its index.</summary>
    public void Report(GrainId shard, int held, long indexBytes)
    {
        _held[shard] = held;
        _indexBytes[shard] = indexBytes;
    }

    /// <summary>Forgets a shard that deactivated.</summary>
    public void Remove(GrainId shard)
    {
        _held.TryRemove(shard, out _);
        _indexBytes.TryRemove(shard, out _);
    }
}
