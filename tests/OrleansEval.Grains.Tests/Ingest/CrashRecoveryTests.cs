using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using OrleansEval.GrainInterfaces;
using OrleansEval.Testing;
using OrleansEval.Actuals;
using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// Acknowledged means durable: batches acknowledged while the grains could not write — then the silo killed, so their
/// memory is gone — are counted exactly once after a new cluster starts on the same storage, as a model that never
/// crashed counts them: records, late actuals, a correction and a resent batch included.
/// </summary>
public sealed partial class CrashRecoveryTests
{
    private static readonly ManualClock Clock = new(new DateTimeOffset(2033, 1, 1, 0, 0, 0, TimeSpan.Zero));

    // The wall clock that measures how long grains and logs have gone unpersisted: it moves only when a test moves it.
    private static readonly FakeTimeProvider Wall = new();
    private static readonly TimeSpan MaxUnpersisted = TimeSpan.FromHours(1);

    // The row store outlives the clusters of a test, as the grain storage does.
    private static readonly RefusingRowBlobStore RowStore = new();
    private static readonly DateTimeOffset From = new(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2016, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AcknowledgedBatches_LostFromGrainMemoryByAKill_AreCountedExactlyOnceAfterRecovery()
    {
        var crashed = $"crash-{Guid.NewGuid():N}"[..22];
        var production = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals: false);
        var actuals = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production")
            .Select((r, i) => new ActualRecord(i, r.PredictionId, r.Actual!))
            .ToList();
        var half = production.Count / 2;

        var first = await StartAsync(TimeSpan.FromSeconds(1));
        try
        {
            await SetUpAsync(first.Client, crashed);
            await IngestAsync(first.Client, crashed, production.Take(half), "early");
            await SendActualsAsync(first.Client, crashed, actuals.Take(half / 2), "early");
            await IngestLogWaits.UntilTrimmedAsync(first.Client, crashed, TimeSpan.FromSeconds(60));

            // Trimmed batches are remembered by their keys: the same batch is answered again, other content refused.
            await IngestAsync(first.Client, crashed, production.Take(250), "early");
            var reused = new IngestBatch("records:early-0", [.. production.Skip(1).Take(250).Select((r, i) => r with { Index = i })], []);
            Assert.True((await first.Client.GetGrain<IIngestWorker>(0).IngestAsync(crashed, reused))!.Conflict);

            // From here on nothing but the log (and the model) is written, and the silo dies without a goodbye.
            CrashableGrainStorage.RefuseGrainWrites = true;
            await IngestAsync(first.Client, crashed, production.Skip(half), "late");
            await SendActualsAsync(first.Client, crashed, actuals.Skip(half / 2), "late");
            await CorrectAsync(first.Client, crashed, actuals);
            await IngestAsync(first.Client, crashed, production.Skip(half).Take(250), "late");
            await first.KillSiloAsync(first.Primary!);
        }
        finally
        {
            CrashableGrainStorage.RefuseGrainWrites = false;
            await first.DisposeAsync();
        }

        var second = await StartAsync(TimeSpan.FromMinutes(10));
        try
        {
            var control = $"control-{Guid.NewGuid():N}"[..22];
            // A key trimmed before the crash is still known to the new cluster.
            await IngestAsync(second.Client, crashed, production.Skip(250).Take(250), "early", firstNumber: 1);
            await SetUpAsync(second.Client, control);
            await IngestAsync(second.Client, control, production, "all");
            await SendActualsAsync(second.Client, control, actuals, "all");
            await CorrectAsync(second.Client, control, actuals);

            var recovered = await PerformanceAsync(second.Client, crashed);
            var expected = await PerformanceAsync(second.Client, control);
            var recoveredDrift = await DriftAsync(second.Client, crashed);
            var expectedDrift = await DriftAsync(second.Client, control);

            Assert.Equal(production.Count, recovered.Predictions);
            Assert.Equal(actuals.Count, recovered.Labelled);
            Assert.Equal(expected.Realised["accuracy"]!.Value, recovered.Realised["accuracy"]!.Value);
            Assert.Equal(expected.Realised["rocAuc"]!.Value, recovered.Realised["rocAuc"]!.Value);
            Assert.Equal(production.Count, recoveredDrift.Count);
            Assert.Equal(expectedDrift.Features.Select(f => (f.Name, f.Count, f.Score("psi"))), recoveredDrift.Features.Select(f => (f.Name, f.Count, f.Score("psi"))));
            Assert.Equal(expectedDrift.Prediction.Select(f => (f.Name, f.Count, f.Score("psi"))), recoveredDrift.Prediction.Select(f => (f.Name, f.Count, f.Score("psi"))));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task BatchesLoggedUnderFourPartitions_AfterARestartConfiguredWithOne_AreReplayedAndTheirKeysKnown()
    {
        var modelId = $"parts-{Guid.NewGuid():N}"[..22];
        var production = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals: false);
        var batches = (production.Count + 249) / 250;
        Assert.Contains(Enumerable.Range(0, batches), n => Sketches.Categories.StableHash.Hash64($"records:spread-{n}") % 4 != 0);

        var first = await StartAsync(TimeSpan.FromSeconds(1), logPartitions: 4);
        try
        {
            Assert.Null((await first.Client.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
            CrashableGrainStorage.RefuseGrainWrites = true;
            await IngestAsync(first.Client, modelId, production, "spread");
            await first.KillSiloAsync(first.Primary!);
        }
        finally
        {
            CrashableGrainStorage.RefuseGrainWrites = false;
            await first.DisposeAsync();
        }

        // The model keeps the four partitions it was defined with: the start wakes all four, a resend finds its key.
        var second = await StartAsync(TimeSpan.FromMinutes(10), logPartitions: 1);
        try
        {
            var replayed = (await PerformanceAsync(second.Client, modelId)).Predictions;
            await IngestAsync(second.Client, modelId, production, "spread");
            var afterResend = (await PerformanceAsync(second.Client, modelId)).Predictions;

            Assert.Equal(production.Count, replayed);
            Assert.Equal(production.Count, afterResend);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ingest_WhileTheLogCannotBeWritten_ThrowsStoreUnavailableAndKeepsNothing_AndTheResendIsTaken()
    {
        var modelId = $"refused-{Guid.NewGuid():N}"[..22];
        var records = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals: false).Take(100).ToList();
        var cluster = await StartAsync(TimeSpan.FromMinutes(10));
        try
        {
            Assert.Null((await cluster.Client.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
            var worker = cluster.Client.GetGrain<IIngestWorker>(0);
            var batch = new IngestBatch("records:refused", [.. records], []);

            CrashableGrainStorage.RefuseLogWrites = true;
            try
            {
                await Assert.ThrowsAsync<StoreUnavailableException>(() => worker.IngestAsync(modelId, batch));
            }
            finally
            {
                CrashableGrainStorage.RefuseLogWrites = false;
            }

            var before = await PerformanceAsync(cluster.Client, modelId);
            var resent = await worker.IngestAsync(modelId, batch);
            var after = await PerformanceAsync(cluster.Client, modelId);

            Assert.Equal(0, before.Predictions);
            Assert.Equal(100, resent!.Accepted);
            Assert.Equal(100, after.Predictions);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ingest_WhoseFanOutIsRefusedAfterTheLogWrite_IsAcknowledgedAndCountedOnce_AndTheStalledLogRefusesNewBatches()
    {
        var modelId = $"stalled-{Guid.NewGuid():N}"[..22];
        var records = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals: false).Take(100).ToList();
        var cluster = await StartAsync(TimeSpan.FromSeconds(1));
        try
        {
            Assert.Null((await cluster.Client.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
            var worker = cluster.Client.GetGrain<IIngestWorker>(0);
            CrashableGrainStorage.RefuseGrainWrites = true;
            try
            {
                Assert.Equal(100, (await worker.IngestAsync(modelId, new IngestBatch("records:first", [.. records], [])))!.Accepted);

                // Every join shard fails a write, then stays unpersisted past MaxUnpersisted: it refuses what comes.
                await FailJoinWritesAsync(cluster.Client, modelId);
                Wall.Advance(MaxUnpersisted + TimeSpan.FromMinutes(1));

                // The log holds the batch although its fan-out is refused: acknowledged, not "nothing was kept".
                var second = new IngestBatch("records:second", [.. records], []);
                Assert.Equal(100, (await worker.IngestAsync(modelId, second))!.Accepted);
                Assert.Equal(100, (await worker.IngestAsync(modelId, second))!.Accepted);

                // While that entry waits unapplied past MaxUnpersisted, the log takes nothing new.
                Wall.Advance(MaxUnpersisted + TimeSpan.FromMinutes(1));
                await Assert.ThrowsAsync<StoreUnavailableException>(() => worker.IngestAsync(modelId, new IngestBatch("records:third", [.. records], [])));
            }
            finally
            {
                CrashableGrainStorage.RefuseGrainWrites = false;
            }

            // The grains write again, and the log's timer applies the acknowledged batch, once.
            await Eventually.UntilAsync(
                async () => (await PerformanceAsync(cluster.Client, modelId)).Predictions, counted => counted == 200, counted => $"{counted} predictions counted, 200 expected", TimeSpan.FromSeconds(60));
            Assert.Equal(100, (await worker.IngestAsync(modelId, new IngestBatch("records:second", [.. records], [])))!.Accepted);
            Assert.Equal(100, (await worker.IngestAsync(modelId, new IngestBatch("records:third", [.. records], [])))!.Accepted);
            Assert.Equal(300, (await PerformanceAsync(cluster.Client, modelId)).Predictions);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Actuals_OfAKeptBatchAgainWhileTheJoinIsFull_AreAnsweredAsTheyWereNotRefused()
    {
        var modelId = $"full-{Guid.NewGuid():N}"[..22];
        ImmutableArray<ActualRecord> actuals = [.. WeatherScenarioData.Records("scenario-weather-production.jsonl", "production").Take(100)
            .Select((r, i) => new ActualRecord(i, r.PredictionId, r.Actual!))];

        // One shard with room for 150 actuals waiting for their predictions: the batch fits once, not twice.
        var cluster = await StartAsync(TimeSpan.FromMinutes(10), joinShards: 1, joinCapacity: 150);
        try
        {
            Assert.Null((await cluster.Client.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
            var worker = cluster.Client.GetGrain<IIngestWorker>(0);
            Assert.Equal(100, (await worker.IngestActualsAsync(modelId, "actuals:kept", actuals))!.Accepted);

            var other = await worker.IngestActualsAsync(modelId, "actuals:other", actuals);
            var again = await worker.IngestActualsAsync(modelId, "actuals:kept", actuals);

            Assert.True(other!.RetryAfterSeconds > 0);
            Assert.Equal(0, again!.RetryAfterSeconds);
            Assert.Equal(100, again.Accepted);
            Assert.Equal(100, (await cluster.Client.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, 0)).GetFootprintAsync()).HeldActuals);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task JoinSegments_ChangedWhileTheStoreRefusesWrites_StayInMemoryUntilWritten_AndAreCountedOnce()
    {
        var modelId = $"cache-{Guid.NewGuid():N}"[..22];
        var production = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals: false).Take(1000).ToList();
        ImmutableArray<ActualRecord> actuals = [.. WeatherScenarioData.Records("scenario-weather-production.jsonl", "production").Take(500)
            .Select((r, i) => new ActualRecord(i, r.PredictionId, r.Actual!))];

        // One shard of segments of 100 rows, one sealed segment cached: at most 200 rows in memory once written.
        var cluster = await StartAsync(TimeSpan.FromMinutes(10), joinShards: 1);
        var shard = cluster.Client.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, 0));
        try
        {
            Assert.Null((await cluster.Client.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
            await IngestAsync(cluster.Client, modelId, production, "predictions");
            Assert.InRange((await shard.GetFootprintAsync()).RowsInMemory, 1, 200);

            CrashableGrainStorage.RefuseGrainWrites = true;
            await SendActualsAsync(cluster.Client, modelId, actuals, "late");
            Assert.InRange((await shard.GetFootprintAsync()).RowsInMemory, 500, 1000);

            CrashableGrainStorage.RefuseGrainWrites = false;
            Assert.True(await shard.CheckpointAsync([]));
            Assert.InRange((await shard.GetFootprintAsync()).RowsInMemory, 1, 200);
            var before = await PerformanceAsync(cluster.Client, modelId);

            // Read back from storage, the rows carry their actuals: sent again, nothing is counted twice.
            await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            await SendActualsAsync(cluster.Client, modelId, actuals, "again");
            var after = await PerformanceAsync(cluster.Client, modelId);

            Assert.Equal(500, before.Labelled);
            Assert.Equal(500, after.Labelled);
            Assert.Equal(before.Realised["accuracy"]!.Value, after.Realised["accuracy"]!.Value);
        }
        finally
        {
            CrashableGrainStorage.RefuseGrainWrites = false;
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Rows_WrittenWhileTheirGrainCouldNotStoreItsState_AreReadOnceAfterTheReplay()
    {
        var modelId = $"rowcrash-{Guid.NewGuid():N}"[..22];
        var day = Clock.GetUtcNow().AddDays(-1);
        var records = Enumerable.Range(0, 400).Select(i => new RecordInput
        {
            Index = i,
            PredictionId = $"r{i}",
            Timestamp = day.AddMinutes(i * 7),
            Features = ImmutableDictionary<string, FeatureValue>.Empty.Add("x", FeatureValue.Of(i)),
            Prediction = new PredictionInput(FeatureValue.Missing, FeatureValue.Missing, FeatureValue.Of(i + 0.5)),
        }).ToList();
        var series = RowGrainKey.For(modelId, new SeriesId(SeriesId.DefaultVersion, SeriesId.DefaultEnvironment)).ToString();

        var first = await StartAsync(TimeSpan.FromSeconds(1));
        try
        {
            await DefineRegressionOfXAsync(first.Client, modelId);
            await IngestAsync(first.Client, modelId, records.Take(100), "rows");
            await IngestLogWaits.UntilTrimmedAsync(first.Client, modelId, TimeSpan.FromSeconds(60));

            // Parts are written, their grain's state is not: twice, with more rows the second time.
            CrashableGrainStorage.RefuseGrainWrites = true;
            await IngestAsync(first.Client, modelId, records.Skip(100).Take(200), "rows", firstNumber: 1);
            await Assert.ThrowsAsync<StoreUnavailableException>(() => first.Client.GetGrain<IRowGrain>(series).FlushAsync());
            await IngestAsync(first.Client, modelId, records.Skip(300), "rows", firstNumber: 3);
            await SendActualsAsync(first.Client, modelId, [new ActualRecord(0, "r250", new ActualInput(FeatureValue.Missing, FeatureValue.Of(7.0)))], "rows");
            await Assert.ThrowsAsync<StoreUnavailableException>(() => first.Client.GetGrain<IRowGrain>(series).FlushAsync());
            await first.KillSiloAsync(first.Primary!);
        }
        finally
        {
            CrashableGrainStorage.RefuseGrainWrites = false;
            await first.DisposeAsync();
        }

        var second = await StartAsync(TimeSpan.FromMinutes(10));
        try
        {
            var ids = new List<string>();
            var actuals = new Dictionary<string, double>();
            await foreach (var block in second.Client.ReadRowsAsync(new RowQuery(modelId, null, null, day.AddDays(-1), day.AddDays(3))))
            {
                ids.AddRange(block.PredictionIds);
                for (var i = 0; i < block.Count; i++)
                {
                    actuals[block.PredictionIds[i]] = block.ActualValues[i];
                }
            }

            Assert.Equal(records.Select(r => r.PredictionId).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
            Assert.Equal(7.0, actuals["r250"]);
            Assert.True(double.IsNaN(actuals["r251"]));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Rows_WhosePartsTheRowStoreRefused_AreAcknowledgedAndReadOnceWhenItTakesWritesAgain()
    {
        var modelId = $"rowrefused-{Guid.NewGuid():N}"[..22];
        var day = Clock.GetUtcNow().AddDays(-1);
        var records = Enumerable.Range(0, 300).Select(i => new RecordInput
        {
            Index = i,
            PredictionId = $"q{i}",
            Timestamp = day.AddMinutes(i * 3),
            Features = ImmutableDictionary<string, FeatureValue>.Empty.Add("x", FeatureValue.Of(i)),
        }).ToList();
        var series = RowGrainKey.For(modelId, new SeriesId(SeriesId.DefaultVersion, SeriesId.DefaultEnvironment)).ToString();
        var cluster = await StartAsync(TimeSpan.FromMinutes(10));
        try
        {
            await DefineRegressionOfXAsync(cluster.Client, modelId);
            RowStore.RefuseWrites = true;
            try
            {
                await IngestAsync(cluster.Client, modelId, records.Take(200), "refused-rows");
                await Assert.ThrowsAsync<StoreUnavailableException>(() => cluster.Client.GetGrain<IRowGrain>(series).FlushAsync());
                await IngestAsync(cluster.Client, modelId, records.Skip(200), "refused-rows", firstNumber: 1);
                await Assert.ThrowsAsync<StoreUnavailableException>(() => cluster.Client.GetGrain<IRowGrain>(series).FlushAsync());
            }
            finally
            {
                RowStore.RefuseWrites = false;
            }

            var ids = new List<string>();
            await foreach (var block in cluster.Client.ReadRowsAsync(new RowQuery(modelId, null, null, day, day.AddDays(2))))
            {
                ids.AddRange(block.PredictionIds);
            }

            Assert.Equal(records.Select(r => r.PredictionId).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    // A checkpoint makes a changed shard write now; refused, it counts as the shard's first failed write.
    private static async Task FailJoinWritesAsync(IGrainFactory grains, string modelId)
    {
        for (var shard = 0; shard < new OrleansEvalOptions().JoinShards; shard++)
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => grains.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, shard)).CheckpointAsync([]));
        }
    }

    private static async Task<TestCluster> StartAsync(TimeSpan persistInterval, int? joinShards = null, int? joinCapacity = null, int logPartitions = 1)
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ClusterId = $"crash-{Guid.NewGuid():N}";
        builder.Options.ServiceId = "orleans-eval-crash-tests";
        builder.Properties["PersistInterval"] = persistInterval.ToString();
        builder.Properties["JoinShards"] = (joinShards ?? new OrleansEvalOptions().JoinShards).ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["JoinCapacity"] = (joinCapacity ?? new OrleansEvalOptions().JoinCapacityPerShard).ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["LogPartitions"] = logPartitions.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    // A regression model of one numeric feature, x.
    private static async Task DefineRegressionOfXAsync(IGrainFactory grains, string modelId)
    {
        var model = new ModelDefinition { Task = ModelTask.Regression, Features = [new FeatureDefinition("x", FeatureType.Numeric)] };
        Assert.Null((await grains.GetGrain<IModelGrain>(modelId).DefineAsync(model)).Error);
    }

    private static async Task SetUpAsync(IGrainFactory grains, string modelId)
    {
        var model = grains.GetGrain<IModelGrain>(modelId);
        Assert.Null((await model.DefineAsync(WeatherScenarioData.Model)).Error);
        await WeatherScenarioData.IngestAsync(grains, modelId, WeatherScenarioData.Records("scenario-weather-reference.jsonl", "training"));
        Assert.Null((await model.FreezeBaselineAsync("training", new BaselineSpec { Version = "v1", Environment = "training" })).Error);
    }

    // Keys name the batches by their place in the scenario, so the resent batch is the same batch.
    private static async Task IngestAsync(IGrainFactory grains, string modelId, IEnumerable<RecordInput> records, string phase, int firstNumber = 0)
    {
        var number = firstNumber;
        foreach (var chunk in records.Chunk(250))
        {
            var batch = new IngestBatch($"records:{phase}-{number++}", [.. chunk.Select((r, i) => r with { Index = i })], []);
            var result = await grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, batch);
            Assert.Equal(chunk.Length, result!.Accepted);
        }
    }

    private static async Task SendActualsAsync(IGrainFactory grains, string modelId, IEnumerable<ActualRecord> actuals, string phase)
    {
        var number = 0;
        foreach (var chunk in actuals.Chunk(150))
        {
            var result = await grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, $"actuals:{phase}-{number++}", [.. chunk.Select((a, i) => a with { Index = i })]);
            Assert.Equal(chunk.Length, result!.Accepted);
        }
    }

    // A correction of an actual counted before the crash and of one counted after it.
    private static async Task CorrectAsync(IGrainFactory grains, string modelId, List<ActualRecord> actuals)
    {
        ImmutableArray<ActualRecord> corrections = [.. new[] { actuals[0], actuals[^1] }.Select((a, i) => new ActualRecord(
            i, a.PredictionId, new ActualInput(FeatureValue.Of(a.Actual.Label.AsCategory() == "1" ? "0" : "1"), FeatureValue.Missing)))];
        var result = await grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, "actuals:correction", corrections);
        Assert.Equal(2, result!.Accepted);
    }

    private static async Task<SlicePerformance> PerformanceAsync(IGrainFactory grains, string modelId)
    {
        var answer = await grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(modelId, new PerformanceQuery("v1", "production", From, To, "all", null, false));
        Assert.True(answer.Report is not null, answer.Error);
        return answer.Report.Total;
    }

    private static async Task<DriftReport> DriftAsync(IGrainFactory grains, string modelId)
    {
        var answer = await grains.GetGrain<IQueryWorker>(0).GetDriftAsync(modelId, new DriftQuery("training", "v1", "production", From, To));
        Assert.True(answer.Report is not null, answer.Error);
        return answer.Report;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var persistInterval = TimeSpan.Parse(siloBuilder.Configuration["PersistInterval"]!, System.Globalization.CultureInfo.InvariantCulture);
            var joinShards = int.Parse(siloBuilder.Configuration["JoinShards"]!, System.Globalization.CultureInfo.InvariantCulture);
            var joinCapacity = int.Parse(siloBuilder.Configuration["JoinCapacity"]!, System.Globalization.CultureInfo.InvariantCulture);
            var logPartitions = int.Parse(siloBuilder.Configuration["LogPartitions"]!, System.Globalization.CultureInfo.InvariantCulture);
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(EvaluationClock.Key, Clock);
            siloBuilder.Services.AddSingleton(services => new StateWrites(
                Wall, services.GetRequiredService<IOptions<OrleansEvalOptions>>(), services.GetRequiredService<IMeterFactory>()));
            siloBuilder.Services.AddSingleton<Grains.Rows.IRowBlobStore>(RowStore);
            siloBuilder.Services.AddGrainStorage(StorageNames.State, (services, _) => ActivatorUtilities.CreateInstance<CrashableGrainStorage>(services));
            siloBuilder.AddMemoryGrainStorage("PubSubStore").AddMemoryStreams(OrleansEval.Alerts.AlertStreams.Provider).UseInMemoryReminderService();
            siloBuilder.AddOrleansEvalGrains(options =>
            {
                options.PersistInterval = persistInterval;
                options.JoinSegmentRows = 100;

                // One sealed segment in memory: the join reads most of what it joins back from the crashed storage.
                options.JoinCachedSegments = 1;
                options.JoinShards = joinShards;
                options.JoinCapacityPerShard = joinCapacity;
                options.IngestLogPartitions = logPartitions;

                // The refused grain writes model a crash, not an outage: the grains must keep acknowledging however
                // long the ingest that precedes the kill takes on a busy machine.
                // The wall clock is fake too, so only a test that moves it reaches the limit.
                options.MaxUnpersisted = MaxUnpersisted;
            });
        }
    }
}
