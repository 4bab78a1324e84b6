using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Performance;
using OrleansEval.Slices;
using OrleansEval.Testing;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// A backfill whose silo dies while a join shard adopts the slice: before the shard stored the rows' membership (join
/// writes refused), or after it stored them but before the slice family stored the outcomes (slice writes refused).
/// Actuals corrected after the restart, and the backfill run again, the slice answers what the same slice defined
/// before the records answers.
/// </summary>
public sealed partial class CrashRecoveryTests
{
    private static readonly JsonSerializerOptions ExactNumbers = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static readonly ImmutableArray<SliceCondition> SeattleWarm =
        [SliceCondition.EqualTo("location", "Seattle"), SliceCondition.InRange("temp_max", 10, double.PositiveInfinity)];

    [Theory]
    [InlineData("join")]
    [InlineData("slice")]
    public async Task Backfill_KilledWhileTheJoinAdoptsTheSlice_ThenActualsCorrected_AnswersAsTheSliceDefinedBefore(string refused)
    {
        var modelId = $"adopt-{refused}-{Guid.NewGuid():N}"[..22];
        var records = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production");
        var first = await StartAsync(TimeSpan.FromMinutes(10));
        try
        {
            var model = first.Client.GetGrain<IModelGrain>(modelId);
            Assert.Null((await model.DefineAsync(WeatherScenarioData.Model)).Error);
            Assert.Null(await model.DefineSliceAsync(new SliceDefinition("before", SeattleWarm)));
            await IngestAsync(first.Client, modelId, records, "adopt");
            for (var shard = 0; shard < new OrleansEvalOptions().JoinShards; shard++)
            {
                Assert.True(await first.Client.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, shard)).CheckpointAsync([]));
            }

            Assert.Null(await model.DefineSliceAsync(new SliceDefinition("after", SeattleWarm)));
            CrashableGrainStorage.RefuseStateWrites = refused;
            var failed = await BackfillAsync(first.Client, modelId);
            Assert.Equal(BackfillState.Failed, failed.State);
            await first.KillSiloAsync(first.Primary!);
        }
        finally
        {
            CrashableGrainStorage.RefuseStateWrites = null;
            await first.DisposeAsync();
        }

        var second = await StartAsync(TimeSpan.FromMinutes(10));
        try
        {
            // Every fourth record's actual corrected to the other label, then the backfill started again.
            ImmutableArray<ActualRecord> corrections = [.. records.Where((_, i) => i % 4 == 0).Select((r, i) => new ActualRecord(
                i, r.PredictionId, new ActualInput(FeatureValue.Of(r.Actual!.Label.AsCategory() == "1" ? "0" : "1"), FeatureValue.Missing)))];
            await SendActualsAsync(second.Client, modelId, corrections, "corrected");
            var done = await BackfillAsync(second.Client, modelId);
            Assert.True(done.State == BackfillState.Done, done.Error);

            for (var start = From; start < To; start = start.AddMonths(1))
            {
                var before = await SlicePerformanceAsync(second.Client, modelId, "before", start, start.AddMonths(1));
                var after = await SlicePerformanceAsync(second.Client, modelId, "after", start, start.AddMonths(1));
                Assert.Equal(JsonSerializer.Serialize(before with { Slice = "" }, ExactNumbers), JsonSerializer.Serialize(after with { Slice = "" }, ExactNumbers));
            }

            var inSlice = records.Count(r => r.Features["location"].Text == "Seattle" && r.Features["temp_max"].Number >= 10);
            var whole = await SlicePerformanceAsync(second.Client, modelId, "after", From, To);
            Assert.Equal(inSlice, whole.Predictions);
            Assert.Equal(inSlice, whole.Labelled);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    private static async Task<BackfillStatus> BackfillAsync(IGrainFactory grains, string modelId)
    {
        var backfill = grains.GetGrain<ISliceBackfillGrain>(SliceBackfillKey.For(modelId, "after"));
        Assert.NotNull(await backfill.StartAsync());
        var ended = await Eventually.UntilAsync(
            backfill.GetStatusAsync,
            s => s!.State != BackfillState.Running,
            s => JsonSerializer.Serialize(s),
            TimeSpan.FromSeconds(60));
        return ended!;
    }

    private static async Task<SlicePerformance> SlicePerformanceAsync(IGrainFactory grains, string modelId, string slice, DateTimeOffset from, DateTimeOffset to)
    {
        var answer = await grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(modelId, new PerformanceQuery("v1", "production", from, to, slice, null, false));
        Assert.True(answer.Report is not null, answer.Error);
        return answer.Report.Total;
    }
}
