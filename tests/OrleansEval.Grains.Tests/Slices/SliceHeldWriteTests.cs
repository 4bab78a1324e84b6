using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Grains.Tests.Ingest;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;
using OrleansEval.Testing;

namespace OrleansEval.Grains.Tests.Slices;

/// <summary>
/// A slice family answers its counts while its own persist write is under way in storage, and while the log's checkpoint
/// waits for that write — the write is a copy taken at the tick and the checkpoint interleaves, so a question never
/// queues behind a slow store — and what it stored is what it says it stored: after
/// the held write goes through, the log trims and a new cluster on the same storage counts every record once.
/// </summary>
[Collection(HeldWriteGrainStorage.Collection)]
public sealed class SliceHeldWriteTests
{
    private static readonly ManualClock Clock = new(new DateTimeOffset(2034, 1, 1, 0, 0, 0, TimeSpan.Zero));
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
        var first = await StartAsync();
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
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                Assert.False(checkpoint.IsCompleted);

                // Its counts are asked for meanwhile, each question bounded, until the second batch is in them (the write
                // may have started before it was applied).
                var during = await Eventually.UntilAsync(
                    () => family.GetBinCountsAsync(Window).WaitAsync(ReadBound), a => Predictions(a) == 500, a => $"{Predictions(a)} predictions, 500 expected", ReadBound);
                var performance = await family.GetPerformanceAsync(SliceKey.All, [Window]).WaitAsync(ReadBound);

                Assert.Equal(500, Predictions(during));
                Assert.Equal(500, performance.Single().Predictions);
                Assert.NotEqual(expected.Revision, during.Revision);
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

        var second = await StartAsync();
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

    private static long Predictions(SliceBinCountsAnswer answer) => answer.Members.Single(m => m.Member == SliceKey.All).Predictions;

    private static async Task IngestAsync(IGrainFactory grains, string modelId, IEnumerable<RecordInput> records, int number)
    {
        var chunk = records.ToList();
        var batch = new IngestBatch($"records:held-{number}", [.. chunk.Select((r, i) => r with { Index = i })], []);
        Assert.Equal(chunk.Count, (await grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, batch))!.Accepted);
    }

    private static async Task<TestCluster> StartAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ClusterId = $"held-{Guid.NewGuid():N}";
        builder.Options.ServiceId = "orleans-eval-held-tests";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(EvaluationClock.Key, Clock);
            siloBuilder.Services.AddSingleton<Grains.Rows.IRowBlobStore>(RowStore);
            siloBuilder.Services.AddGrainStorage(StorageNames.State, (services, _) => ActivatorUtilities.CreateInstance<HeldWriteGrainStorage>(services));
            siloBuilder.AddMemoryGrainStorage("PubSubStore").AddMemoryStreams(OrleansEval.Alerts.AlertStreams.Provider).UseInMemoryReminderService();
            siloBuilder.AddOrleansEvalGrains(options => options.PersistInterval = TimeSpan.FromMilliseconds(200));
        }
    }
}
