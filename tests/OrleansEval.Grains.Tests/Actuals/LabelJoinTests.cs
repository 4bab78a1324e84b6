using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Keys;
using OrleansEval.Performance;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// The label join keeps predictions in segments: these check that segments survive a reactivation, that a late actual
/// finds its prediction in an old segment, that a segment is forgotten whole once the join window has passed, and that
/// predictions take no room from the bound on held actuals.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LabelJoinTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Arrival = new(2031, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task LateActuals_AfterEveryGrainWasDeactivated_JoinToPredictionsInEverySegment()
    {
        ClusterFixture.Clock.Set(Arrival);
        var modelId = await DefineAsync("join-reload");
        var production = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals: false).Take(600).ToList();
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, production);

        Assert.Equal(600, (await TotalAsync(modelId)).Predictions);
        Assert.Equal(600, await RowsAsync(modelId));
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(600, await RowsAsync(modelId));
        Assert.Equal(1_000_000, await FreeCapacityAsync(modelId));
        ClusterFixture.Clock.Set(Arrival + TimeSpan.FromDays(13));

        var actuals = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production").Take(600)
            .Select((r, i) => new ActualRecord(i, r.PredictionId, r.Actual!))
            .ToImmutableArray();
        var result = await fixture.Grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, "late-1", actuals);

        Assert.NotNull(result);
        Assert.Equal(600, result.Accepted);
        Assert.Empty(result.Unmatched);
        var total = await TotalAsync(modelId);
        Assert.Equal(600, total.Predictions);
        Assert.Equal(600, total.Labelled);
    }

    [Fact]
    public async Task Predictions_OlderThanTheJoinWindow_AreForgotten()
    {
        ClusterFixture.Clock.Set(Arrival);
        var modelId = await DefineAsync("join-expiry");
        var production = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals: false);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, production.Take(400).ToList());
        Assert.Equal(400, await RowsAsync(modelId));

        ClusterFixture.Clock.Set(Arrival + TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, production.Skip(400).Take(100).ToList());

        Assert.Equal(100, await RowsAsync(modelId));
        var actuals = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production").Take(500)
            .Select((r, i) => new ActualRecord(i, r.PredictionId, r.Actual!))
            .ToImmutableArray();
        var result = await fixture.Grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, "late-1", actuals);

        Assert.NotNull(result);
        Assert.Equal(Enumerable.Range(0, 400), result.Unmatched.Select(u => u.Index));
        Assert.Equal(100, (await TotalAsync(modelId)).Labelled);
    }

    [Fact]
    public async Task Predictions_SentAgainWithTheirActuals_AreCountedOnce_AndTheirNewRowsTakeNoRoomForHeldActuals()
    {
        ClusterFixture.Clock.Set(Arrival);
        var modelId = await DefineAsync("join-again");
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals: false).Take(300).ToList());
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, WeatherScenarioData.Records("scenario-weather-production.jsonl", "production").Take(300).ToList());

        Assert.Equal(300, (await TotalAsync(modelId)).Labelled);
        Assert.Equal(600, await RowsAsync(modelId));
        Assert.Equal(1_000_000, await FreeCapacityAsync(modelId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PendingPredictions_RoundTripThroughTheSerializerAndTheCopier_WithTheirTables(bool copier)
    {
        var rows = new PendingPredictions();
        var production = new OrleansEval.Models.SeriesId("v1", "production");
        rows.Add("a", production, 3600, [SliceKey.Everything, SliceKey.OfColumn("wind", "[1, 2)")], 0.75, "1", double.NaN, new JoinActual("0", double.NaN));
        rows.Add("b", new OrleansEval.Models.SeriesId("v2", "production"), 7200, [SliceKey.Everything], 0.25, "0", double.NaN, null);
        var services = fixture.Cluster.Client.ServiceProvider;
        var serializer = services.GetRequiredService<Serializer>();

        var copy = copier
            ? services.GetRequiredService<DeepCopier>().Copy(rows)
            : serializer.Deserialize<PendingPredictions>(serializer.SerializeToArray(rows))!;
        copy.Add("c", production, 0, [SliceKey.OfColumn("wind", "[1, 2)")], 0.5, "1", double.NaN, null);

        Assert.Equal(3, copy.Count);
        Assert.Equal(["a", "b", "c"], Enumerable.Range(0, 3).Select(copy.PredictionId));
        Assert.Equal([SliceKey.Everything, SliceKey.OfColumn("wind", "[1, 2)")], copy.Slices(0));
        Assert.Equal([SliceKey.OfColumn("wind", "[1, 2)")], copy.Slices(2));
        Assert.Equal("v2", copy.Series(1).Version);
        Assert.Equal(7200, copy.BucketStart(1));
        Assert.Equal(0.75, copy.Score(0));
        Assert.Equal("0", copy.Predicted(1));
        Assert.Equal(new JoinActual("0", double.NaN), copy.Actual(0));
        Assert.Null(copy.Actual(1));
    }

    private async Task<string> DefineAsync(string prefix)
    {
        var modelId = $"{prefix}-{Guid.NewGuid():N}"[..24];
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
        return modelId;
    }

    private async Task<long> FreeCapacityAsync(string modelId)
    {
        var free = 0L;
        for (var shard = 0; shard < 4; shard++)
        {
            free += await fixture.Grains.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, shard)).FreeCapacityAsync();
        }

        return free;
    }

    private async Task<long> RowsAsync(string modelId)
    {
        var rows = 0L;
        for (var shard = 0; shard < 4; shard++)
        {
            rows += (await fixture.Grains.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, shard)).GetFootprintAsync()).Rows;
        }

        return rows;
    }

    private async Task<SlicePerformance> TotalAsync(string modelId)
    {
        var answer = await fixture.Grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(
            modelId, new PerformanceQuery("v1", "production", new DateTimeOffset(2012, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero), "all", null, false));
        Assert.True(answer.Report is not null, answer.Error);
        return answer.Report.Total;
    }
}
