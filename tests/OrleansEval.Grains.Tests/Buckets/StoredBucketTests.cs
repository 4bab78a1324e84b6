using System.Collections.Immutable;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Features;
using OrleansEval.Grains.Slices;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Features;
using OrleansEval.Grains.Tests.Slices;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.Buckets;

/// <summary>
/// Grains activated over state an earlier build wrote: untagged bucket bytes still answer, and unreadable bytes are
/// quarantined (kept, left out of answers) rather than failing the grain or being overwritten by a later record.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoredBucketTests(ClusterFixture fixture)
{
    private const long Readable = 1_704_067_200;
    private const long Unreadable = Readable + 3_600;

    private static readonly SeriesId Production = new("v1", "production");
    private static readonly byte[] Corrupt = [0x20, 0x01, 0x05];

    private IStoredStateProbeGrain Probe => fixture.Grains.GetGrain<IStoredStateProbeGrain>(0);

    [Fact]
    public async Task Column_OverUntaggedAndUnreadableBuckets_CountsTheReadableOne_QuarantinesTheOther_AndCountsALateRecordAnew()
    {
        var modelId = $"stored-{Guid.NewGuid():N}"[..20];
        var column = fixture.Grains.GetGrain<IFeatureGrain>(FeatureKey.For(modelId, Production, "temp").ToString());
        var seeded = new FeatureState();
        seeded.Buckets[Readable] = Convert.FromHexString(ColumnBucketFormatTests.UntaggedNumericHex);
        seeded.Buckets[Unreadable] = Corrupt;
        await Probe.SeedColumnAsync(column.GetGrainId(), seeded);

        var before = await column.CountAsync(null);
        await column.ApplyAsync(new ColumnChunk("late", [Unreadable], [3.5], [], []) { Position = new LogPosition($"{modelId}/0", 0, 0) });
        Assert.True(await column.CheckpointAsync([]));
        var after = await column.CountAsync(null);
        var stored = await Probe.ColumnStateAsync(column.GetGrainId());

        Assert.Equal(5, before);
        Assert.Equal(6, after);
        Assert.Equal(Corrupt, stored.Quarantined[Unreadable]);
        Assert.Equal(1, ColumnBucket.Deserialize(stored.Buckets[Unreadable]).Count);
    }

    [Fact]
    public async Task Slice_OverUntaggedAndUnreadableBuckets_AnswersFromTheReadableOne_AndQuarantinesTheOther()
    {
        var modelId = $"stored-{Guid.NewGuid():N}"[..20];
        var family = fixture.Grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, Production, SliceKey.All));
        var seeded = new SliceState { Task = ModelTask.BinaryClassification };
        seeded.Members[SliceKey.All] = new Dictionary<long, byte[]>
        {
            [Readable] = Convert.FromHexString(SliceBucketFormatTests.UntaggedSliceHex),
            [Unreadable] = Corrupt,
        };
        await Probe.SeedSliceAsync(family.GetGrainId(), seeded);

        var answer = Assert.Single(await family.GetPerformanceAsync(SliceKey.All, ImmutableArray.Create<TimeWindow>(new TimeWindow(
            DateTimeOffset.FromUnixTimeSeconds(Readable), DateTimeOffset.FromUnixTimeSeconds(Unreadable + 3_600)))));
        Assert.True(await family.CheckpointAsync([]));
        var stored = await Probe.SliceStateAsync(family.GetGrainId());

        Assert.Equal((5L, 2L), (answer.Predictions, answer.Labelled));
        Assert.Equal(Corrupt, stored.Quarantined[SliceKey.All][Unreadable]);
        Assert.Equal([Readable], stored.Members[SliceKey.All].Keys);
    }
}
