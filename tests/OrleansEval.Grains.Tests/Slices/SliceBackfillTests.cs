using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Slices;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Ingest;
using OrleansEval.Performance;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.Slices;

/// <summary>
/// A slice defined after the weather scenario's records and backfilled from their rows answers what the same slice
/// defined before them answers, late corrections included; a backfill applied twice counts once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SliceBackfillTests(ClusterFixture fixture)
{
    private static readonly JsonSerializerOptions Exact = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static readonly ImmutableArray<SliceCondition> SeattleWarm =
        [SliceCondition.EqualTo("location", "Seattle"), SliceCondition.InRange("temp_max", 10, double.PositiveInfinity)];

    [Fact]
    public async Task Backfill_OfASliceDefinedAfterTheRecords_AnswersAsTheSliceDefinedBefore_AndAppliedTwiceCountsOnce()
    {
        var grains = fixture.Grains;
        var modelId = $"backfill-{Guid.NewGuid():N}"[..22];
        var model = grains.GetGrain<IModelGrain>(modelId);
        Assert.Null((await model.DefineAsync(WeatherScenarioData.Model)).Error);
        Assert.Null(await model.DefineSliceAsync(new SliceDefinition("before", SeattleWarm)));
        var records = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production");
        await WeatherScenarioData.IngestAsync(grains, modelId, records);
        var actuals = await CorrectEverySeventhAsync(grains, modelId, records);
        var counted = await model.GetRevisionAsync();

        Assert.Null(await model.DefineSliceAsync(new SliceDefinition("after", SeattleWarm)));
        var snapshot = (await model.GetAsync())!;
        var after = snapshot.Slices.Single(s => s.Name == "after");
        Assert.True(after.Revision > counted);
        var rows = KeptRows.Of(WeatherScenarioData.Model, records, actuals, counted);
        var firstRun = await BackfillAsync(grains, modelId, snapshot, after, rows);
        await BackfillAsync(grains, modelId, snapshot, after, rows);

        Assert.Equal(records.Count(r => r.Features["location"].Text == "Seattle" && r.Features["temp_max"].Number >= 10), firstRun.RowsCounted);
        foreach (var start in Months())
        {
            var before = await PerformanceAsync(grains, modelId, "before", start, start.AddMonths(1));
            var backfilled = await PerformanceAsync(grains, modelId, "after", start, start.AddMonths(1));
            Assert.Equal(JsonSerializer.Serialize(before with { Slice = "" }, Exact), JsonSerializer.Serialize(backfilled with { Slice = "" }, Exact));
        }

        var whole = await PerformanceAsync(grains, modelId, "after", new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(firstRun.RowsCounted, whole.Predictions);
        Assert.Equal(firstRun.RowsCounted, whole.Labelled);
    }

    private static IEnumerable<DateTimeOffset> Months() =>
        Enumerable.Range(0, 36).Select(m => new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(m));

    // Every seventh record's actual is replaced by the other label, as a late correction through the join.
    private static async Task<Dictionary<string, string?>> CorrectEverySeventhAsync(IGrainFactory grains, string modelId, IReadOnlyList<RecordInput> records)
    {
        var actuals = records.ToDictionary(r => r.PredictionId, r => r.Actual!.Label.AsCategory());
        var corrections = records
            .Where((_, i) => i % 7 == 0)
            .Select((r, i) => new ActualRecord(i, r.PredictionId, new ActualInput(FeatureValue.Of(actuals[r.PredictionId] == "1" ? "0" : "1"), FeatureValue.Missing)))
            .ToImmutableArray();
        var result = await grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, Guid.NewGuid().ToString("N"), corrections);
        Assert.Equal(corrections.Length, result!.Accepted);
        foreach (var correction in corrections)
        {
            actuals[correction.PredictionId] = correction.Actual.Label.AsCategory();
        }

        return actuals;
    }

    private static async Task<BackfillDeltas> BackfillAsync(IGrainFactory grains, string modelId, OrleansEval.Models.ModelSnapshot snapshot, SliceDefinition slice, ImmutableArray<OrleansEval.Rows.RowBlock> rows)
    {
        var deltas = new BackfillDeltas(modelId, snapshot, slice);
        var sent = new List<KeyedDelta>();
        foreach (var block in rows)
        {
            sent.AddRange(deltas.Add(block).Select(p => p.Keyed));
        }

        sent.AddRange(deltas.Flush().Select(p => p.Keyed));
        foreach (var delta in sent)
        {
            await grains.GetGrain<ISliceGrain>(delta.SliceGrainKey).ApplyAsync(delta.Delta);
        }

        return deltas;
    }

    private static async Task<SlicePerformance> PerformanceAsync(IGrainFactory grains, string modelId, string slice, DateTimeOffset from, DateTimeOffset to)
    {
        var answer = await grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(modelId, new PerformanceQuery("v1", "production", from, to, slice, null, false));
        Assert.Null(answer.Error);
        return answer.Report!.Total;
    }
}
