using System.Globalization;
using OrleansEval.Grains.Buckets;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.Buckets;

/// <summary>
/// The persist ticks of a model's columns and slice families, activated together, are spread over the interval by their
/// keys rather than all falling at once; each grain's phase is the same wherever and whenever it is activated.
/// </summary>
public sealed class TickPhaseTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Fact]
    public void Of_AModelsHundredFamiliesAndColumns_SpreadsThemOverTheInterval()
    {
        var series = new SeriesId("v1", "production");
        var features = Enumerable.Range(0, 100).Select(i => "f" + i.ToString("D3", CultureInfo.InvariantCulture)).ToList();
        var keys = features.Select(f => SliceGrainKey.For("model-7", series, SliceKey.ColumnFamily(f)))
            .Append(SliceGrainKey.For("model-7", series, SliceKey.All))
            .Concat(features.Select(f => FeatureKey.For("model-7", series, f).ToString()))
            .ToList();

        var phases = keys.Select(key => TickPhase.Of(key, Interval)).ToList();

        Assert.All(phases, phase => Assert.InRange(phase, TimeSpan.Zero, Interval - TimeSpan.FromTicks(1)));

        // 201 grains in ten slots of half a second: about 20 a slot; none empty, none holding a fifth of them.
        var slots = phases.GroupBy(phase => (int)(phase.Ticks * 10 / Interval.Ticks)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, slots.Count);
        Assert.All(slots.Values, count => Assert.InRange(count, 5, 40));
        Assert.True(phases.Distinct().Count() > 190, "grains activated together share a phase");
    }

    [Fact]
    public void Of_TheSameKey_IsTheSamePhase()
    {
        var key = SliceGrainKey.For("model-7", new SeriesId("v1", "production"), SliceKey.ColumnFamily("age"));

        Assert.Equal(TickPhase.Of(key, Interval), TickPhase.Of(new string(key.AsSpan()), Interval));
        Assert.Equal(TimeSpan.Zero, TickPhase.Of(key, TimeSpan.Zero));

        // Pinned, so that a hash that differs between processes (string.GetHashCode is randomized per process) fails here:
        // FNV-1a over the UTF-16 code units with its final mix, computed independently.
        Assert.Equal(TimeSpan.FromTicks(13_102_759), TickPhase.Of("model-7/column", Interval));
        Assert.Equal(TimeSpan.FromTicks(31_269_732), TickPhase.Of("age", Interval));
    }
}
