using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Performance;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// A join shard keeps far more predictions than its cache of segments holds: the rows of all but a few segments live
/// only in storage, with a filter of their ids in memory. These check that late actuals to old predictions and their
/// corrections are counted exactly once, that the rows in memory stay within the cache whatever the volume — after
/// ingest, after late actuals and after a reactivation — and that an evicted segment is still dropped whole after the
/// join window.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LabelJoinScaleTests(ClusterFixture fixture)
{
    private const int Shards = 4;

    // The cluster fixture's segments of 100 rows under the default cache: the open segment and four sealed ones.
    private static readonly long RowsInMemoryBound = (new OrleansEvalOptions().JoinCachedSegments + 1) * 100L;

    private static readonly DateTimeOffset Arrival = new(2032, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task LateActuals_ToPredictionsFarBeyondTheCache_AreCountedOnce_AndCorrectionsReplaceThem()
    {
        ClusterFixture.Clock.Set(Arrival);
        var modelId = await DefineAsync("join-scale");
        var records = ManyRecords(3);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, [.. records.Select(r => r with { Actual = null })]);

        var footprints = await FootprintsAsync(modelId);
        Assert.Equal(records.Count, footprints.Sum(f => f.Rows));
        Assert.All(footprints, f => Assert.InRange(f.RowsInMemory, 1, RowsInMemoryBound));
        Assert.All(footprints, f => Assert.True(f.Rows > 3 * RowsInMemoryBound, $"a shard keeps only {f.Rows} rows"));
        Assert.All(footprints, f => Assert.InRange(f.Rows - SealedRows(f), 1, 100));

        // A new prediction consults no sealed segment: the window's index names none for it.
        Assert.All(footprints, f => Assert.Equal(0, f.Probes));

        // Oldest first, as labels come: every segment is read back from storage in turn.
        var answers = await SendActualsAsync(modelId, "late", records.Select(r => (r.PredictionId, r.Actual!)));
        Assert.All(answers, a => Assert.Empty(a.Unmatched));

        // A late actual consults the one sealed segment holding its prediction (none when it is in the open segment).
        Assert.InRange((await FootprintsAsync(modelId)).Sum(f => f.Probes), records.Count - (Shards * 100), records.Count);
        var total = await TotalAsync(modelId);
        Assert.Equal(records.Count, total.Labelled);
        Assert.Equal(Correct(records) / (double)records.Count, Accuracy(total), 12);
        Assert.All(await FootprintsAsync(modelId), f => Assert.InRange(f.RowsInMemory, 1, RowsInMemoryBound));

        // A correction of the oldest predictions takes the first actual back; sent again, it changes nothing.
        var corrected = records.Take(300).Select(r => (r.PredictionId, Flipped(r.Actual!))).ToList();
        await SendActualsAsync(modelId, "correction", corrected);
        await SendActualsAsync(modelId, "correction-again", corrected);

        var afterCorrection = await TotalAsync(modelId);
        var expectedCorrect = Correct(records) - Correct(records.Take(300)) + (300 - Correct(records.Take(300)));
        Assert.Equal(records.Count, afterCorrection.Labelled);
        Assert.Equal(expectedCorrect / (double)records.Count, Accuracy(afterCorrection), 12);
    }

    [Fact]
    public async Task Shards_AfterEveryGrainWasDeactivated_ReadOnlyTheirFilters_AndStillJoinTheOldestPredictions()
    {
        ClusterFixture.Clock.Set(Arrival);
        var modelId = await DefineAsync("join-scale-reload");
        var records = ManyRecords(2);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, [.. records.Select(r => r with { Actual = null })]);
        var before = await FootprintsAsync(modelId);

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await FootprintsAsync(modelId);

        Assert.Equal(before.Select(f => (f.Rows, f.Segments)), after.Select(f => (f.Rows, f.Segments)));
        Assert.All(after, f => Assert.InRange(f.RowsInMemory, 0, RowsInMemoryBound));
        var oldest = records.Take(500).ToList();
        await SendActualsAsync(modelId, "late", oldest.Select(r => (r.PredictionId, r.Actual!)));
        var total = await TotalAsync(modelId);
        Assert.Equal(records.Count, total.Predictions);
        Assert.Equal(500, total.Labelled);
        Assert.Equal(Correct(oldest) / 500.0, Accuracy(total), 12);
    }

    [Fact]
    public async Task EvictedSegments_OlderThanTheJoinWindow_AreDroppedWhole_WithTheirFilters()
    {
        ClusterFixture.Clock.Set(Arrival);
        var modelId = await DefineAsync("join-scale-expiry");
        var records = ManyRecords(2);
        var old = records.Take(3000).Select(r => r with { Actual = null }).ToList();
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, old);

        ClusterFixture.Clock.Set(Arrival + TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        var recent = records.Skip(3000).Take(200).Select(r => r with { Actual = null }).ToList();
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, recent);

        var footprints = await FootprintsAsync(modelId);
        Assert.Equal(200, footprints.Sum(f => f.Rows));
        Assert.Equal(0, footprints.Sum(f => f.FilterBytes));
        var answers = await SendActualsAsync(modelId, "late", records.Take(3200).Select(r => (r.PredictionId, r.Actual!)));
        Assert.Equal(3000, answers.Sum(a => a.Unmatched.Length));
        Assert.Equal(200, (await TotalAsync(modelId)).Labelled);
    }

    // Rows of the sealed segments, which have filters: all but those of the open segment.
    private static long SealedRows(JoinFootprint footprint) => footprint.FilterBytes / Grains.Actuals.JoinSegmentFilter.BytesPerRow;

    // The production scenario, <paramref name="copies"/> times over under distinct prediction ids.
    private static List<RecordInput> ManyRecords(int copies)
    {
        var production = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production");
        return [.. Enumerable.Range(0, copies).SelectMany(copy => production.Select(r => r with { PredictionId = $"{r.PredictionId}-{copy}" }))];
    }

    private static ActualInput Flipped(ActualInput actual) =>
        new(FeatureValue.Of(actual.Label.AsCategory() == "1" ? "0" : "1"), FeatureValue.Missing);

    private static int Correct(IEnumerable<RecordInput> records) =>
        records.Count(r => r.Prediction!.Label.AsCategory() == r.Actual!.Label.AsCategory());

    private static double Accuracy(SlicePerformance total) => total.Realised["accuracy"]!.Value!.Value;

    private async Task<List<ActualsResult>> SendActualsAsync(string modelId, string phase, IEnumerable<(string PredictionId, ActualInput Actual)> actuals)
    {
        var answers = new List<ActualsResult>();
        var number = 0;
        foreach (var chunk in actuals.Chunk(250))
        {
            ImmutableArray<ActualRecord> batch = [.. chunk.Select((a, i) => new ActualRecord(i, a.PredictionId, a.Actual))];
            var answer = await fixture.Grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, $"actuals:{phase}-{number++}", batch);
            Assert.NotNull(answer);
            Assert.Equal(chunk.Length, answer.Accepted);
            answers.Add(answer);
        }

        return answers;
    }

    private async Task<string> DefineAsync(string prefix)
    {
        var modelId = $"{prefix}-{Guid.NewGuid():N}"[..28];
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
        return modelId;
    }

    private async Task<List<JoinFootprint>> FootprintsAsync(string modelId)
    {
        var footprints = new List<JoinFootprint>();
        for (var shard = 0; shard < Shards; shard++)
        {
            footprints.Add(await fixture.Grains.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, shard)).GetFootprintAsync());
        }

        return footprints;
    }

    private async Task<SlicePerformance> TotalAsync(string modelId)
    {
        var answer = await fixture.Grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(
            modelId, new PerformanceQuery("v1", "production", new DateTimeOffset(2012, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero), "all", null, false));
        Assert.True(answer.Report is not null, answer.Error);
        return answer.Report.Total;
    }
}
