using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Testing;

namespace OrleansEval.Grains.Tests.Slices;

/// <summary>
/// A checkpoint that arrives while a column's write is under way waits for it, and when that write stored every entry
/// asked about it answers from it: it does not write again because batches came in meanwhile (they are the next tick's).
/// Under continuous ingest a write is nearly always under way and the grain nearly always has something new, so without
/// this every log trim wrote each grain a second time.
/// </summary>
[Collection(HeldWriteGrainStorage.Collection)]
public sealed class CheckpointWaitTests
{
    private static readonly ManualClock Clock = new(new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Checkpoint_OfAnEntryTheWriteUnderWayHolds_WaitsForItAndWritesNothingMore()
    {
        var modelId = $"wait-{Guid.NewGuid():N}"[..20];
        var key = FeatureKey.For(modelId, new SeriesId("v1", "production"), "city").ToString();
        var cluster = await StartAsync();
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

            // Meanwhile a batch is applied and the first entry is asked about again.
            await column.ApplyAsync(Chunk(second, "Lyon")).WaitAsync(TimeSpan.FromSeconds(30));
            var waiting = column.CheckpointAsync([first]);
            await Task.Delay(TimeSpan.FromMilliseconds(200));
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

    private static ColumnChunk Chunk(LogPosition position, string value) =>
        new($"batch-{position.Sequence}", [1_704_067_200], [], [value], []) { Bucket = TimeSpan.FromHours(1), Position = position };

    private static async Task<TestCluster> StartAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ClusterId = $"ckpt-wait-{Guid.NewGuid():N}";
        builder.Options.ServiceId = "orleans-eval-checkpoint-wait-tests";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    // No tick within the test: every write is one a checkpoint asked for.
    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(EvaluationClock.Key, Clock);
            siloBuilder.Services.AddSingleton<Grains.Rows.IRowBlobStore>(new CountingRowBlobStore());
            siloBuilder.Services.AddGrainStorage(StorageNames.State, (services, _) => ActivatorUtilities.CreateInstance<HeldWriteGrainStorage>(services));
            siloBuilder.AddMemoryGrainStorage("PubSubStore").AddMemoryStreams(OrleansEval.Alerts.AlertStreams.Provider).UseInMemoryReminderService();
            siloBuilder.AddOrleansEvalGrains(options => options.PersistInterval = TimeSpan.FromHours(1));
        }
    }
}
