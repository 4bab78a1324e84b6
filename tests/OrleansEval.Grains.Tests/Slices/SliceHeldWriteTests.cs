using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Grains.Tests.Ingest;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;
using OrleansEval.Testing;

namespace OrleansEval.Grains.Tests.Slices;

/// <summary>
/// A slice family answers its counts while its own persist write is under way in storage, and while the log's checkpoint
/// waits for that write — the write is a copy taken at the tick and the checkpoint interleaves, so a question never
/// queues behind a slow store — and what it stored is what it says it stored: after
/// the held write goes through, the log trims and a new cluster on the same storage counts every record once. A
/// checkpoint that waited for a write which stored the entries it asks about answers from it, without writing again for
/// what came in meanwhile: under continuous ingest a write is nearly always under way and something new pending, so
/// otherwise every log trim wrote each grain a second time.
/// </summary>
public sealed class SliceHeldWriteTests
{
    private static readonly ManualClock Clock = new(new DateTimeOffset(2034, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly ManualClock ColumnClock = new(new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero));
    private static readonly CountingRowBlobStore RowStore = new();
    private static readonly TimeWindow Window = new(new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero));

    // Far longer than a read takes on a loaded machine, far shorter than the hold: a read queued behind the write fails.
    private static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task GetBinCounts_WhileTheFamilysWriteIsHeldInStorageAndACheckpointWaitsForIt_IsAnsweredAndTheStoredStateCountsEveryRecordOnce()
    {
        var modelId = $"held-{Guid.NewGuid():N}"[..21];
        var records = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals: false).Take(500).ToList();
        var familyKey = SliceGrainKey.For(modelId, new SeriesId("v1", "production"), SliceKey.All);
        var first = await StartAsync<SiloConfigurator>();
        try
        {
            Assert.Null((await first.Client.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
            await IngestAsync(first.Client, modelId, records.Take(250), 0);
            var family = first.Client.GetGrain<ISliceGrain>(familyKey);
            var expected = await Eventually.UntilAsync(
                () => family.GetBinCountsAsync(Window), a => Predictions(a) == 250, a => $"{Predictions(a)} predictions, 250 expected", TimeSpan.FromSeconds(60));

            var held = HeldWriteGrainStorage.Hold(familyKey);
            try
            {
                await IngestAsync(first.Client, modelId, records.Skip(250), 1);
                await held.WaitAsync(TimeSpan.FromSeconds(30));

                // The family's tick is inside its storage write now, and a checkpoint (a request to write what is pending)
                // waits for that write; a checkpoint that held the grain's turn meanwhile would keep every question out.
                var checkpoint = family.CheckpointAsync([]);

                // Its counts are asked for meanwhile, each question bounded, until the second batch is in them (the write
                // may have started before it was applied).
                var during = await Eventually.UntilAsync(
                    () => family.GetBinCountsAsync(Window).WaitAsync(ReadBound), a => Predictions(a) == 500, a => $"{Predictions(a)} predictions, 500 expected", ReadBound);
                var performance = await family.GetPerformanceAsync(SliceKey.All, [Window]).WaitAsync(ReadBound);

                Assert.Equal(500, Predictions(during));
                Assert.Equal(500, performance.Single().Predictions);
                Assert.NotEqual(expected.Revision, during.Revision);
                Assert.False(checkpoint.IsCompleted);
                HeldWriteGrainStorage.Release();
                Assert.True(await checkpoint.WaitAsync(TimeSpan.FromSeconds(30)));
            }
            finally
            {
                HeldWriteGrainStorage.Release();
            }

            await IngestLogWaits.UntilTrimmedAsync(first.Client, modelId, TimeSpan.FromSeconds(60));
            await first.KillSiloAsync(first.Primary!);
        }
        finally
        {
            HeldWriteGrainStorage.Release();
            await first.DisposeAsync();
        }

        var second = await StartAsync<SiloConfigurator>();
        try
        {
            var reloaded = await second.Client.GetGrain<ISliceGrain>(familyKey).GetBinCountsAsync(Window);
            Assert.Equal(500, Predictions(reloaded));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Checkpoint_OfAnEntryTheWriteUnderWayHolds_WaitsForItAndWritesNothingMore()
    {
        var modelId = $"wait-{Guid.NewGuid():N}"[..20];
        var key = FeatureKey.For(modelId, new SeriesId("v1", "production"), "city").ToString();
        var cluster = await StartAsync<QuietSiloConfigurator>();
        try
        {
            var column = cluster.Client.GetGrain<IFeatureGrain>(key);
            var first = new LogPosition($"{modelId}/0", 0, 0);
            var second = first with { Sequence = 1 };
            await column.ApplyAsync(Chunk(first, "Seattle"));

            // A checkpoint writes the first entry; the write is held in storage.
            var held = HeldWriteGrainStorage.Hold(key);
            var writing = column.CheckpointAsync([first]);
            await held.WaitAsync(TimeSpan.FromSeconds(30));

            // Meanwhile a batch is applied and the first entry is asked about again; a question sent after that
            // checkpoint is answered while it waits.
            await column.ApplyAsync(Chunk(second, "Lyon")).WaitAsync(TimeSpan.FromSeconds(30));
            var waiting = column.CheckpointAsync([first]);
            Assert.Equal(2, await column.CountAsync(null).WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.False(waiting.IsCompleted);
            HeldWriteGrainStorage.Release();

            Assert.True(await writing.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(1, HeldWriteGrainStorage.Written(key));

            // The second entry is written when asked about.
            Assert.True(await column.CheckpointAsync([first, second]));
            Assert.Equal(2, HeldWriteGrainStorage.Written(key));
            Assert.Equal(2, await column.CountAsync(null));
        }
        finally
        {
            HeldWriteGrainStorage.Release();
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Checkpoint_WhileTheSilosOnlyWriteSlotIsHeldByAnotherGrain_WaitsForItWhileItsGrainAnswers()
    {
        var modelId = $"slot-{Guid.NewGuid():N}"[..20];
        var series = new SeriesId("v1", "production");
        var heldKey = FeatureKey.For(modelId, series, "city").ToString();
        var waitingKey = FeatureKey.For(modelId, series, "origin").ToString();
        await OnClusterAsync<OneSlotSiloConfigurator>(async cluster =>
        {
            var heldColumn = cluster.Client.GetGrain<IFeatureGrain>(heldKey);
            var waitingColumn = cluster.Client.GetGrain<IFeatureGrain>(waitingKey);
            var position = new LogPosition($"{modelId}/0", 0, 0);
            await heldColumn.ApplyAsync(Chunk(position, "Seattle"));
            await waitingColumn.ApplyAsync(Chunk(position, "Lyon"));

            // The first column's checkpoint takes the one slot and is held in storage; the second's waits for the slot.
            var held = HeldWriteGrainStorage.Hold(heldKey);
            var first = heldColumn.CheckpointAsync([position]);
            await held.WaitAsync(TimeSpan.FromSeconds(30));
            var second = waitingColumn.CheckpointAsync([position]);

            // Its grain answers meanwhile (the wait is an await of its own, as a storage write is), and writes nothing.
            Assert.Equal(1, await waitingColumn.CountAsync(null).WaitAsync(TimeSpan.FromSeconds(30)));
            await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(2)));
            Assert.False(second.IsCompleted);
            Assert.Equal(0, HeldWriteGrainStorage.Written(waitingKey));
            HeldWriteGrainStorage.Release();

            Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.True(await second.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(1, HeldWriteGrainStorage.Written(heldKey));
            Assert.Equal(1, HeldWriteGrainStorage.Written(waitingKey));
        });
    }

    [Fact]
    public async Task GetKeptDays_WhileTheRowGrainsFlushIsHeldInStorage_IsAnswered()
    {
        var modelId = $"rows-{Guid.NewGuid():N}"[..20];
        var records = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals: false).Take(100).ToList();
        var rowKey = RowGrainKey.For(modelId, new SeriesId("v1", "production")).ToString();
        await OnClusterAsync<QuietSiloConfigurator>(async cluster =>
        {
            Assert.Null((await cluster.Client.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
            await IngestAsync(cluster.Client, modelId, records, 0);
            var rows = cluster.Client.GetGrain<IRowGrain>(rowKey);

            // The flush writes the parts, then the state, which is held: the grain's turn is the flush's until it is let go.
            var held = HeldWriteGrainStorage.Hold(rowKey);
            var flush = rows.FlushAsync();
            await held.WaitAsync(TimeSpan.FromSeconds(30));

            var kept = await rows.GetKeptDaysAsync().WaitAsync(ReadBound);
            Assert.Equal(100, kept.Values.Sum());
            Assert.False(flush.IsCompleted);
            HeldWriteGrainStorage.Release();
            Assert.Equal(kept, await flush.WaitAsync(TimeSpan.FromSeconds(30)));
        });
    }

    [Fact]
    public async Task Ingest_MoreBatchesThanCoresWhileTheLogsWriteIsHeld_EveryOneReachesTheLogAndTheRestShareOneWrite()
    {
        var modelId = $"group-{Guid.NewGuid():N}"[..21];
        var records = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals: false).Take(10).ToList();
        var logKey = IngestLogKey.For(modelId, 0);

        // A worker that took one batch at a time had at most one activation a core waiting at the log.
        var count = (4 * Environment.ProcessorCount) + 2;
        await OnClusterAsync<QuietSiloConfigurator>(async cluster =>
        {
            Assert.Null((await cluster.Client.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
            var held = HeldWriteGrainStorage.Hold(logKey);
            var first = IngestAsync(cluster.Client, modelId, records, 0);
            await held.WaitAsync(TimeSpan.FromSeconds(30));
            var rest = Enumerable.Range(1, count - 1).Select(n => IngestAsync(cluster.Client, modelId, records, n)).ToList();

            // The log answers while it writes: every batch is waiting in it for the next write.
            var log = cluster.Client.GetGrain<IIngestLogGrain>(logKey);
            await Eventually.UntilAsync(
                async () => (await Task.WhenAll(Enumerable.Range(0, count).Select(n => log.HoldsAsync($"records:held-{n}")))).Count(h => h),
                reached => reached == count,
                reached => $"{reached} of {count} batches reached the log while its write was held",
                TimeSpan.FromSeconds(30));
            Assert.False(first.IsCompleted);
            HeldWriteGrainStorage.Release();

            await Task.WhenAll(rest.Prepend(first)).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(2, HeldWriteGrainStorage.Written(logKey));
        });
    }

    private static ColumnChunk Chunk(LogPosition position, string value) =>
        new($"batch-{position.Sequence}", [1_704_067_200], [], [value], []) { Bucket = TimeSpan.FromHours(1), Position = position };

    private static long Predictions(SliceBinCountsAnswer answer) => answer.Members.Single(m => m.Member == SliceKey.All).Predictions;

    private static async Task IngestAsync(IGrainFactory grains, string modelId, IEnumerable<RecordInput> records, int number)
    {
        var chunk = records.ToList();
        var batch = new IngestBatch($"records:held-{number}", [.. chunk.Select((r, i) => r with { Index = i })], []);
        Assert.Equal(chunk.Count, (await grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, batch))!.Accepted);
    }

    // Runs test on a new cluster, then lets any held write go and stops the cluster, whatever the test did.
    private static async Task OnClusterAsync<TConfigurator>(Func<TestCluster, Task> test)
        where TConfigurator : ISiloConfigurator, new()
    {
        var cluster = await StartAsync<TConfigurator>();
        try
        {
            await test(cluster);
        }
        finally
        {
            HeldWriteGrainStorage.Release();
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task<TestCluster> StartAsync<TConfigurator>()
        where TConfigurator : ISiloConfigurator, new()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ClusterId = $"held-{Guid.NewGuid():N}";
        builder.Options.ServiceId = "orleans-eval-held-tests";
        builder.AddSiloBuilderConfigurator<TConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static void Configure(ISiloBuilder siloBuilder, ManualClock clock, TimeSpan persistInterval, int writesInFlight = 4)
    {
        siloBuilder.Services.AddKeyedSingleton<TimeProvider>(EvaluationClock.Key, clock);
        siloBuilder.Services.AddSingleton<Grains.Rows.IRowBlobStore>(RowStore);
        siloBuilder.Services.AddGrainStorage(StorageNames.State, (services, _) => ActivatorUtilities.CreateInstance<HeldWriteGrainStorage>(services));
        siloBuilder.AddMemoryGrainStorage("PubSubStore").AddMemoryStreams(OrleansEval.Alerts.AlertStreams.Provider).UseInMemoryReminderService();
        siloBuilder.AddOrleansEvalGrains(options =>
        {
            options.PersistInterval = persistInterval;
            options.BucketWritesInFlight = writesInFlight;
        });
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => SliceHeldWriteTests.Configure(siloBuilder, Clock, TimeSpan.FromMilliseconds(200));
    }

    // No tick within a test: every write is one a checkpoint asked for.
    private sealed class QuietSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => SliceHeldWriteTests.Configure(siloBuilder, ColumnClock, TimeSpan.FromHours(1));
    }

    // No tick within a test, and one write at a time in the silo.
    private sealed class OneSlotSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => SliceHeldWriteTests.Configure(siloBuilder, ColumnClock, TimeSpan.FromHours(1), writesInFlight: 1);
    }
}
