using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// The fill of this silo's label-join buffers, on the grains' meter: the actuals its active join shards hold waiting for
/// their predictions, and what those shards may hold. Each shard reports its count on activation and on every
/// persistence tick, so the gauge lags by at most one tick; a deactivated shard's count leaves it.
/// </summary>
internal sealed class JoinMetrics
{
    /// <summary>Name of the gauge of held actuals.</summary>
    public const string HeldGauge = "orleanseval.grains.join.held";

    /// <summary>Name of the gauge of the active shards' capacity.</summary>
    public const string CapacityGauge = "orleanseval.grains.join.capacity";

    private readonly ConcurrentDictionary<GrainId, int> _held = new();

    public JoinMetrics(IMeterFactory meters, IOptions<OrleansEvalOptions> options)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        var capacity = options.Value.JoinCapacityPerShard;
        var meter = meters.Create(StateWrites.MeterName);
        meter.CreateObservableUpDownCounter(HeldGauge, () => (long)_held.Values.Sum(), "{actual}", "Late actuals the active label-join shards hold, waiting for their predictions.");
        meter.CreateObservableUpDownCounter(CapacityGauge, () => (long)_held.Count * capacity, "{actual}", "Actuals the active label-join shards may hold.");
    }

    /// <summary>Reports the count <paramref name="shard"/> holds now.</summary>
    public void Report(GrainId shard, int held) => _held[shard] = held;

    /// <summary>Forgets a shard that deactivated.</summary>
    public void Remove(GrainId shard) => _held.TryRemove(shard, out _);
}
