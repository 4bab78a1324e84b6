using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Slices;
using OrleansEval.Testing;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// A label-join shard keeps the outcomes its slice families have not stored in its own record (its outbox) instead of
/// having the families write before it writes: its writes cause no family write, and a crash between the shard's write
/// and the families' loses no outcome, since the shard sends its stored outbox again when it activates. No tick runs in
/// these tests (an hour's persist interval): every write counted is one a deactivation or a checkpoint caused.
/// </summary>
public sealed class JoinOutboxTests
{
    private const int Rows = 40;

    private static readonly ManualClock Clock = new(new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly SeriesId Series = new("v1", "production");
    private static readonly SliceKey Region = SliceKey.OfColumn("region", "north");
    private static readonly TimeWindow Window = new(new DateTimeOffset(2034, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ShardWrites_UnderContinuousOutcomes_MakeNoSliceFamilyWrite_AndTheLogsCheckpointAfterTheFamiliesWroteMakesNone()
    {
        var modelId = $"outbox-{Guid.NewGuid():N}"[..22];
        CountingGrainStorage.Reset();
        var cluster = await StartAsync();
        try
        {
            var shard = cluster.Client.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, 0));
            List<LogPosition> positions = [];
            for (var round = 0; round < 3; round++)
            {
                // New outcomes every round, each after the families' last write: the shard's write must not make them write.
                var position = new LogPosition($"{modelId}/0", round, 0);
                positions.Add(position);
                await shard.RegisterAsync(position, ModelTask.BinaryClassification, "1", Batch($"r{round}"));
                var joinWrites = Writes("join");
                await shard.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
                await Eventually.UntilAsync(() => Writes("join") > joinWrites, "the shard's write on deactivation", TimeSpan.FromSeconds(30));
                Assert.Equal(0, Writes("slice"));
            }

            // Every outcome counted once, though each activation of the shard sent its outbox again.
            foreach (var family in Families(cluster.Client, modelId))
            {
                Assert.Equal(3 * Rows, await LabelledAsync(family));
            }

            // The families' own writes (a request to write what is pending, as their tick makes), then the log's question:
            // answered from what the families stored, with no further family write.
            foreach (var family in Families(cluster.Client, modelId))
            {
                Assert.True(await family.CheckpointAsync([]));
            }

            var familyWrites = Writes("slice");
            Assert.True(await shard.CheckpointAsync([.. positions]));
            Assert.Equal(2, familyWrites);
            Assert.Equal(familyWrites, Writes("slice"));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Crash_AfterTheShardStoredItsRecordBeforeTheFamiliesStoredTheOutcomes_LosesNoneAndCountsEachOnce()
    {
        var modelId = $"outbox-crash-{Guid.NewGuid():N}"[..28];
        var position = new LogPosition($"{modelId}/0", 0, 0);
        var first = await StartAsync();
        try
        {
            CountingGrainStorage.Reset();
            var shard = first.Client.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, 0));
            await shard.RegisterAsync(position, ModelTask.BinaryClassification, "1", Batch("crash"));
            await shard.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
            await Eventually.UntilAsync(() => Writes("join") > 0, "the shard's write on deactivation", TimeSpan.FromSeconds(30));

            // The shard's record says the batch was applied; no family has stored its outcomes, and the silo dies.
            Assert.Equal(0, Writes("slice"));
            await first.KillSiloAsync(first.Primary!);
        }
        finally
        {
            await first.DisposeAsync();
        }

        var second = await StartAsync();
        try
        {
            var shard = second.Client.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, 0));

            // The log replays the batch (it was never trimmed): the shard ignores it, and its activation sent the outbox.
            await shard.RegisterAsync(position, ModelTask.BinaryClassification, "1", Batch("crash"));
            foreach (var family in Families(second.Client, modelId))
            {
                Assert.Equal(Rows, await LabelledAsync(family));
            }

            // Everything written and read back, the shard activated again: still once.
            await second.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            await shard.GetFootprintAsync();
            foreach (var family in Families(second.Client, modelId))
            {
                Assert.Equal(Rows, await LabelledAsync(family));
            }

            Assert.True(await shard.CheckpointAsync([position]));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    private static PackedPredictions Batch(string prefix)
    {
        var rows = new PendingPredictions();
        for (var i = 0; i < Rows; i++)
        {
            SliceKey[] slices = [SliceKey.Everything, Region];
            rows.Add($"{prefix}-{i}", Series, Clock.GetUtcNow().ToUnixTimeSeconds() / 3600 * 3600, slices, 0.1 + (0.8 * i / Rows), i % 2 == 0 ? "1" : "0", double.NaN, new JoinActual(i % 3 == 0 ? "1" : "0", double.NaN));
        }

        return new PackedPredictions(rows);
    }

    private static IEnumerable<ISliceGrain> Families(IClusterClient client, string modelId) =>
        [client.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, Series, SliceKey.All)), client.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, Series, Region.Family))];

    private static async Task<long> LabelledAsync(ISliceGrain family) =>
        (await family.GetMembersAsync(Window)).Sum(m => m.Labelled);

    private static long Writes(string kind) => CountingGrainStorage.Counted.TryGetValue(kind, out var count) ? count.Writes : 0;

    private static async Task<TestCluster> StartAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ClusterId = $"join-outbox-{Guid.NewGuid():N}";
        builder.Options.ServiceId = "orleans-eval-join-outbox-tests";
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
            siloBuilder.Services.AddGrainStorage(StorageNames.State, (services, _) => ActivatorUtilities.CreateInstance<CountingGrainStorage>(services));
            siloBuilder.AddMemoryGrainStorage("PubSubStore").AddMemoryStreams(OrleansEval.Alerts.AlertStreams.Provider).UseInMemoryReminderService();
            siloBuilder.AddOrleansEvalGrains(options =>
            {
                options.PersistInterval = TimeSpan.FromHours(1);
                options.EvaluateOnIngest = false;
            });
        }
    }
}
