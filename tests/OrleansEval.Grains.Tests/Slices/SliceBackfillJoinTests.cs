using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;
using OrleansEval.Testing;

namespace OrleansEval.Grains.Tests.Slices;

/// <summary>
/// A slice backfilled while the label join still holds the predictions answers, once actuals come late and are
/// corrected, what the same slice defined before the records answers: the join counts the outcomes of the predictions
/// it holds in the backfilled slice, once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SliceBackfillJoinTests(ClusterFixture fixture)
{
    private static readonly JsonSerializerOptions Exact = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static readonly ImmutableArray<SliceCondition> SeattleWarm =
        [SliceCondition.EqualTo("location", "Seattle"), SliceCondition.InRange("temp_max", 10, double.PositiveInfinity)];

    private static readonly DateTimeOffset First = new(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Backfill_ThenLateActualsAndCorrections_AnswersAsTheSliceDefinedBefore()
    {
        var (modelId, records) = await BackfilledAsync("latejoin");

        // Actuals first sent after the backfill, and corrections of actuals sent with the record, late before it, and after.
        await SendActualsAsync(modelId, records.Where((_, i) => i % 3 == 2), flip: false);
        await SendActualsAsync(modelId, records.Where((_, i) => i % 5 == 0), flip: true);

        await AssertSameAsync(modelId, records);
    }

    [Fact]
    public async Task AdoptSlice_OfPredictionsAlreadyInTheSlice_CountsNothingAgain()
    {
        var (modelId, records) = await BackfilledAsync("adopttwice");
        await SendActualsAsync(modelId, records.Where((_, i) => i % 3 == 2), flip: false);

        // Every prediction of the slice offered to every shard again, at a position the slice has never seen: each
        // shard holds its own, and none is counted twice.
        var series = new SeriesId("v1", "production");
        for (var shard = 0; shard < 4; shard++)
        {
            var position = new LogPosition("adopt-again", shard, 0);
            ImmutableArray<string> ids = [.. records.Where(InSlice).Select(r => r.PredictionId)];
            var held = await fixture.Grains.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, shard))
                .AdoptSliceAsync(SliceKey.OfUser("after"), [new SliceAdoption(position, series, ids)]);
            Assert.Equal(ids.Select(id => OrleansEval.Grains.Actuals.JoinShard.Of(id, 4) == shard), held);
        }

        await SendActualsAsync(modelId, records.Where((_, i) => i % 5 == 0), flip: true);
        await AssertSameAsync(modelId, records);
    }

    [Fact]
    public async Task Backfill_OfASliceDefinedAgainWithOtherConditions_CountsNothingOfTheEarlierDefinition()
    {
        // "after" first counts every Seattle record live, is deleted, then defined again as Seattle and warm.
        var (modelId, records) = await BackfilledAsync("redefined", earlier: [SliceCondition.EqualTo("location", "Seattle")]);
        await SendActualsAsync(modelId, records.Where((_, i) => i % 3 == 2), flip: false);
        await SendActualsAsync(modelId, records.Where((_, i) => i % 5 == 0), flip: true);

        await AssertSameAsync(modelId, records);
    }

    [Fact]
    public async Task Backfill_WithABatchLoggedButNotYetFannedOut_FansItOutFirst_AndRefusesBatchesPlannedBeforeTheSlice()
    {
        var grains = fixture.Grains;
        var modelId = $"drain-{Guid.NewGuid():N}"[..22];
        var model = grains.GetGrain<IModelGrain>(modelId);
        Assert.Null((await model.DefineAsync(WeatherScenarioData.Model)).Error);
        Assert.Null(await model.DefineSliceAsync(new SliceDefinition("before", SeattleWarm)));
        var records = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production");
        var held = records.Count - 250;
        List<RecordInput> sent = [.. records.Select((r, i) => i % 3 == 0 ? r : r with { Actual = null })];
        await WeatherScenarioData.IngestAsync(grains, modelId, [.. sent.Take(held)]);

        // The last batch is in the log, as a worker leaves it before its fan-out: neither its rows nor the join have it.
        var snapshot = (await model.GetAsync())!;
        var log = grains.GetGrain<IIngestLogGrain>(IngestLogKey.For(modelId, 0));
        var lastBatch = new IngestBatch("records:last", [.. sent.Skip(held).Select((r, i) => r with { Index = i })], []);
        var planned = PlanUnder(snapshot, modelId, lastBatch);
        Assert.Equal(LogAppendStatus.Appended, (await log.AppendAsync(planned)).Status);
        await SendActualsAsync(modelId, records.Where((_, i) => i % 3 == 1), flip: false);

        Assert.Null(await model.DefineSliceAsync(new SliceDefinition("after", SeattleWarm)));
        var done = await BackfillAsync(modelId);
        Assert.Equal(records.Count(InSlice), done.RowsCounted);

        // A batch planned before the slice is refused from now on, keeping nothing; the worker plans it again.
        var stale = PlanUnder(snapshot, modelId, lastBatch with { BatchId = "records:stale" });
        Assert.Equal(LogAppendStatus.Stale, (await log.AppendAsync(stale)).Status);

        await SendActualsAsync(modelId, records.Where((_, i) => i % 3 == 2), flip: false);
        await SendActualsAsync(modelId, records.Where((_, i) => i % 5 == 0), flip: true);
        await AssertSameAsync(modelId, records);
    }

    private static IngestLogEntry PlanUnder(ModelSnapshot snapshot, string modelId, IngestBatch batch)
    {
        var columns = OrleansEval.Grains.Models.ModelColumns.For(snapshot.Definition);
        var planner = new OrleansEval.Grains.Ingest.IngestPlanner(
            modelId,
            snapshot,
            new OrleansEval.Grains.Ingest.RecordValidator(snapshot.Definition, columns),
            new OrleansEval.Grains.Slices.SliceRouter(snapshot, columns),
            id => OrleansEval.Grains.Actuals.JoinShard.Of(id, 4),
            ClusterFixture.Clock.GetUtcNow());
        var (plan, answer) = planner.Records(batch);
        Assert.Empty(answer.Rejected);
        return new IngestLogEntry(batch.BatchId, "", plan, answer);
    }

    // A model with the slice "before" defined before the scenario's records, a third of which carry their actual and a
    // third get it late, then the slice "after" defined with the same conditions and backfilled. With earlier
    // conditions, "after" is first defined with them before the records, and deleted before its new definition.
    private async Task<(string ModelId, IReadOnlyList<RecordInput> Records)> BackfilledAsync(string prefix, ImmutableArray<SliceCondition>? earlier = null)
    {
        var grains = fixture.Grains;
        var modelId = $"{prefix}-{Guid.NewGuid():N}"[..22];
        var model = grains.GetGrain<IModelGrain>(modelId);
        Assert.Null((await model.DefineAsync(WeatherScenarioData.Model)).Error);
        Assert.Null(await model.DefineSliceAsync(new SliceDefinition("before", SeattleWarm)));
        if (earlier is { } conditions)
        {
            Assert.Null(await model.DefineSliceAsync(new SliceDefinition("after", conditions)));
        }

        var records = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production");
        await WeatherScenarioData.IngestAsync(grains, modelId, [.. records.Select((r, i) => i % 3 == 0 ? r : r with { Actual = null })]);
        await SendActualsAsync(modelId, records.Where((_, i) => i % 3 == 1), flip: false);
        if (earlier is not null)
        {
            Assert.True(await model.RemoveSliceAsync("after"));
        }

        Assert.Null(await model.DefineSliceAsync(new SliceDefinition("after", SeattleWarm)));
        var done = await BackfillAsync(modelId);
        Assert.Equal(records.Count(InSlice), done.RowsCounted);
        return (modelId, records);
    }

    private async Task<BackfillStatus> BackfillAsync(string modelId)
    {
        var backfill = fixture.Grains.GetGrain<ISliceBackfillGrain>(SliceBackfillKey.For(modelId, "after"));
        Assert.NotNull(await backfill.StartAsync());
        var done = await Eventually.UntilAsync(
            backfill.GetStatusAsync,
            s => s!.State != BackfillState.Running,
            s => JsonSerializer.Serialize(s),
            TimeSpan.FromSeconds(60));
        Assert.True(done!.State == BackfillState.Done, done.Error);
        return done;
    }

    private static bool InSlice(RecordInput record) => record.Features["location"].Text == "Seattle" && record.Features["temp_max"].Number >= 10;

    // The record's own actual, or with flip the other label.
    private async Task SendActualsAsync(string modelId, IEnumerable<RecordInput> records, bool flip)
    {
        var actuals = records
            .Select((r, i) => (Record: r, Label: r.Actual!.Label.AsCategory(), Index: i))
            .Select(a => new ActualRecord(a.Index, a.Record.PredictionId, new ActualInput(FeatureValue.Of(flip == (a.Label == "1") ? "0" : "1"), FeatureValue.Missing)))
            .ToImmutableArray();
        var result = await fixture.Grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, Guid.NewGuid().ToString("N"), actuals);
        Assert.Equal(actuals.Length, result!.Accepted);
    }

    // Month by month and over the three years, the backfilled slice answers exactly what the one defined before does.
    private async Task AssertSameAsync(string modelId, IReadOnlyList<RecordInput> records)
    {
        foreach (var start in Enumerable.Range(0, 36).Select(m => First.AddMonths(m)))
        {
            var before = await PerformanceAsync(modelId, "before", start, start.AddMonths(1));
            var after = await PerformanceAsync(modelId, "after", start, start.AddMonths(1));
            Assert.Equal(JsonSerializer.Serialize(before with { Slice = "" }, Exact), JsonSerializer.Serialize(after with { Slice = "" }, Exact));
        }

        var whole = await PerformanceAsync(modelId, "after", First, First.AddYears(3));
        Assert.Equal(records.Count(InSlice), whole.Predictions);
        Assert.Equal(records.Count(InSlice), whole.Labelled);
    }

    private async Task<SlicePerformance> PerformanceAsync(string modelId, string slice, DateTimeOffset from, DateTimeOffset to)
    {
        var answer = await fixture.Grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(modelId, new PerformanceQuery("v1", "production", from, to, slice, null, false));
        Assert.Null(answer.Error);
        return answer.Report!.Total;
    }
}
