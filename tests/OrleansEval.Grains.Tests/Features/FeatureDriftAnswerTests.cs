using System.Text.Json;
using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Grains.Tests.Features;

/// <summary>A column grain asked the same drift question again answers it as it did, until a record changes its buckets.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FeatureDriftAnswerTests(ClusterFixture fixture)
{
    private const long BucketStart = 1_704_067_200;

    private static readonly BaselineColumn Reference = new()
    {
        Column = "city",
        Type = FeatureType.Categorical,
        Categories = ["Oslo", "Rome"],
        Counts = [3, 1],
        Count = 4,
    };

    [Fact]
    public async Task GetDrift_AskedAgain_IsTheSameAnswer_AndARecordBetweenIsCounted()
    {
        var modelId = $"memo-{Guid.NewGuid():N}"[..20];
        var column = fixture.Grains.GetGrain<IFeatureGrain>(FeatureKey.For(modelId, new SeriesId("v1", "production"), "city").ToString());
        var start = DateTimeOffset.FromUnixTimeSeconds(BucketStart);
        var request = new ColumnDriftRequest("reference#1", Reference, new TimeWindow(start, start.AddHours(1)), DriftPolicy.Default);
        await column.ApplyAsync(Chunk(modelId, 0, "Oslo", "Rome"));

        var first = await column.GetDriftAsync(request);
        var again = await column.GetDriftAsync(request);
        await column.ApplyAsync(Chunk(modelId, 1, "Rome"));
        var afterRecord = await column.GetDriftAsync(request);
        await column.ApplyAsync(Chunk(modelId, 1, "Rome"));
        var afterReplay = await column.GetDriftAsync(request);

        Assert.Equal(2, first.Count);
        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(again));
        Assert.Equal(3, afterRecord.Count);
        Assert.Equal([1.0, 2.0], afterRecord.Bins.Select(b => b.CurrentCount));
        Assert.Equal(JsonSerializer.Serialize(afterRecord), JsonSerializer.Serialize(afterReplay));
    }

    private static ColumnChunk Chunk(string modelId, long sequence, params string[] cities) =>
        new("batch", [.. cities.Select(_ => BucketStart)], [], [.. cities], [])
        {
            Bucket = TimeSpan.FromHours(1),
            Position = new LogPosition($"{modelId}/0", sequence, 0),
        };
}
