using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Grains.Tests.Features;

/// <summary>A column grain records an entry of the ingest log as applied only once its values are in.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FeatureApplyTests(ClusterFixture fixture)
{
    private const long BucketStart = 1_704_067_200;

    [Fact]
    public async Task Apply_ThatThrows_LeavesTheEntryUnapplied_SoTheCheckpointSaysLostAndTheReplayIsTaken()
    {
        var modelId = $"apply-{Guid.NewGuid():N}"[..20];
        var column = fixture.Grains.GetGrain<IFeatureGrain>(FeatureKey.For(modelId, new SeriesId("v1", "production"), "city").ToString());
        var position = new LogPosition($"{modelId}/0", 0, 0);

        // A record without its value: the grain fails on it before it counts anything.
        var broken = new ColumnChunk("batch", [BucketStart], [], [], []) { Bucket = TimeSpan.FromHours(1), Position = position };
        var whole = new ColumnChunk("batch", [BucketStart], [], ["Seattle"], []) { Bucket = TimeSpan.FromHours(1), Position = position };
        await Assert.ThrowsAnyAsync<Exception>(() => column.ApplyAsync(broken));
        var storedAfterFailure = await column.CheckpointAsync([position]);

        await column.ApplyAsync(whole);
        var storedAfterReplay = await column.CheckpointAsync([position]);

        Assert.False(storedAfterFailure);
        Assert.True(storedAfterReplay);
        Assert.Equal(1, await column.CountAsync(null));
    }
}
