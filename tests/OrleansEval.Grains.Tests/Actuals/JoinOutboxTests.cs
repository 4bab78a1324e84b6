using System.Collections.Immutable;
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
/// A label-join shard keeps the outcomes its slice families have not stored in its outbox, stored in chunks of its own,
/// instead of having the families write before it writes: its writes cause no family write, and a crash between the
/// shard's write and the families' loses no outcome, since the shard sends its stored outbox again when it activates. No
/// tick runs in these tests (an hour's persist interval): every write counted is one a deactivation or a checkpoint caused.
/// </summary>
[Collection(CountingStorageCollection.Name)]
public sealed partial class JoinOutboxTests
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
            await AssertLabelledAsync(cluster.Client, modelId, 3 * Rows);

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
            await AssertLabelledAsync(second.Client, modelId, Rows);

            // Everything written and read back, the shard activated again: still once.
            await second.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            await shard.GetFootprintAsync();
            await AssertLabelledAsync(second.Client, modelId, Rows);

            Assert.True(await shard.CheckpointAsync([position]));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("join-outbox-n")]
    [InlineData("join-chunk-n-n")]
    [InlineData("join")]
    public async Task Crash_AtEachStepOfTheShardsWrite_CountsEveryOutcomeOnceAfterTheReplay(string refused)
    {
        // Three batches, each stopped the same way: a registration whose rows carry their actuals, one that releases
        // actuals held for it, and late actuals that correct what was counted. Each shard writes in order its outbox's
        // new chunk, its segments and its own record; the write named is refused (so none after it is made), and the
        // silo dies before any family stores the outcomes. With the record refused, the segments are read back on
        // restart with the rows counted, so the log's replay of the batch sends nothing itself: the outbox's chunk does.
        var modelId = $"outbox-torn-{Guid.NewGuid():N}"[..27];
        var (carrying, releasing, correcting) = (LabelJoinKey.For(modelId, 0), LabelJoinKey.For(modelId, 1), LabelJoinKey.For(modelId, 2));
        var first = await StartAsync();
        try
        {
            CountingGrainStorage.Reset();
            var client = first.Client;

            // What the second and third batches build on, stored everywhere (the families made to write by the checkpoint).
            var held = new LogPosition($"{modelId}/1", 0, 0);
            Assert.All(await client.GetGrain<ILabelJoinGrain>(releasing).ApplyActualsAsync(held, Actuals("held", _ => "1")), r => Assert.Equal(JoinResult.Held, r));
            Assert.True(await client.GetGrain<ILabelJoinGrain>(releasing).CheckpointAsync([held]));
            var counted = new LogPosition($"{modelId}/2", 0, 0);
            await client.GetGrain<ILabelJoinGrain>(correcting).RegisterAsync(counted, ModelTask.BinaryClassification, "1", Batch("late"));
            Assert.True(await client.GetGrain<ILabelJoinGrain>(correcting).CheckpointAsync([counted]));

            CountingGrainStorage.Reset();
            CountingGrainStorage.RefusedState = refused;
            await client.GetGrain<ILabelJoinGrain>(carrying).RegisterAsync(Torn(modelId, 0), ModelTask.BinaryClassification, "1", Batch("torn"));
            await client.GetGrain<ILabelJoinGrain>(releasing).RegisterAsync(Torn(modelId, 1), ModelTask.BinaryClassification, "1", Batch("held", actuals: false));
            await client.GetGrain<ILabelJoinGrain>(correcting).ApplyActualsAsync(Torn(modelId, 2), Actuals("late", i => i % 2 == 0 ? "1" : "0"));
            foreach (var shard in new[] { carrying, releasing, correcting })
            {
                await client.GetGrain<ILabelJoinGrain>(shard).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
            }

            // Each shard's write stops at the refused step; the steps before it were stored.
            await Eventually.UntilAsync(() => CountingGrainStorage.Refused >= 3, "the shards' refused writes", TimeSpan.FromSeconds(30));
            Assert.Equal(refused == "join-outbox-n" ? 0 : 3, Writes("join-outbox-n"));
            Assert.Equal(refused == "join" ? 3 : 0, Writes("join-chunk-n-n"));
            Assert.Equal(0, Writes("join"));
            Assert.Equal(0, Writes("slice"));
            await first.KillSiloAsync(first.Primary!);
        }
        finally
        {
            CountingGrainStorage.RefusedState = null;
            await first.DisposeAsync();
        }

        var second = await StartAsync();
        try
        {
            var client = second.Client;
            await client.GetGrain<ILabelJoinGrain>(carrying).RegisterAsync(Torn(modelId, 0), ModelTask.BinaryClassification, "1", Batch("torn"));
            await client.GetGrain<ILabelJoinGrain>(releasing).RegisterAsync(Torn(modelId, 1), ModelTask.BinaryClassification, "1", Batch("held", actuals: false));
            await client.GetGrain<ILabelJoinGrain>(correcting).ApplyActualsAsync(Torn(modelId, 2), Actuals("late", i => i % 2 == 0 ? "1" : "0"));
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var family in Families(client, modelId))
                {
                    // Each batch's rows counted once, the corrected ones with their new actuals. The accuracy of the 120
                    // (predicted, actual) pairs, from pandas 1.5.3: (df.predicted == df.actual).mean() = 0.6666666666666666
                    // (0.5 if the correction were lost).
                    var member = Assert.Single(await family.GetMembersAsync(Window));
                    Assert.Equal(3 * Rows, member.Labelled);
                    Assert.Equal(0.6666666666666666, member.Realised.Metrics.Single(m => m.Key == "accuracy").Value.Value!.Value, 12);
                }

                foreach (var shard in new[] { carrying, releasing, correcting })
                {
                    Assert.True(await client.GetGrain<ILabelJoinGrain>(shard).CheckpointAsync([Torn(modelId, shard == carrying ? 0 : shard == releasing ? 1 : 2)]));
                }

                // Everything written and read back, every grain activated again: still once.
                await client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            }
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Batch_CorrectingAKeptRowThenRepeatingANewSeriesRow_CountsEachOnceWithItsLastActual()
    {
        // The first row takes back what the open segment's row counted, so its rows are copied into the outbox through a
        // map of that segment's tables; the second brings a series the segment did not have, and the third is the same
        // prediction again, whose own row is now the second's copy in the segment, under the new series.
        var modelId = $"outbox-map-{Guid.NewGuid():N}"[..26];
        var other = new SeriesId("v2", "production");
        var cluster = await StartAsync();
        try
        {
            var shard = cluster.Client.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, 0));
            await shard.RegisterAsync(new LogPosition($"{modelId}/0", 0, 0), ModelTask.BinaryClassification, "1", Rows(("a", Series, "0")));
            await shard.RegisterAsync(new LogPosition($"{modelId}/0", 1, 0), ModelTask.BinaryClassification, "1", Rows(("a", Series, "1"), ("b", other, "0"), ("b", other, "1")));
            foreach (var series in new[] { Series, other })
            {
                // One labelled row each, counted with its last actual, which equals the predicted label "1".
                var member = Assert.Single(await cluster.Client.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, series, SliceKey.All)).GetMembersAsync(Window));
                Assert.Equal(1, member.Labelled);
                Assert.Equal(1.0, member.Realised.Metrics.Single(m => m.Key == "accuracy").Value.Value!.Value, 12);
            }
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        static PackedPredictions Rows(params (string Id, SeriesId Series, string Actual)[] rows)
        {
            var packed = new PendingPredictions();
            foreach (var (id, series, actual) in rows)
            {
                packed.Add(id, series, Clock.GetUtcNow().ToUnixTimeSeconds() / 3600 * 3600, [SliceKey.Everything], 0.9, "1", double.NaN, new JoinActual(actual, double.NaN));
            }

            return new PackedPredictions(packed);
        }
    }

    private static LogPosition Torn(string modelId, int shard) => new($"{modelId}/{shard}", 1, 0);

    private static ImmutableArray<LateActual> Actuals(string prefix, Func<int, string> label) =>
        [.. Enumerable.Range(0, Rows).Select(i => new LateActual(i, $"{prefix}-{i}", new JoinActual(label(i), double.NaN)))];

    private static PackedPredictions Batch(string prefix, bool actuals = true)
    {
        var rows = new PendingPredictions();
        for (var i = 0; i < Rows; i++)
        {
            SliceKey[] slices = [SliceKey.Everything, Region];
            rows.Add($"{prefix}-{i}", Series, Clock.GetUtcNow().ToUnixTimeSeconds() / 3600 * 3600, slices, 0.1 + (0.8 * i / Rows), i % 2 == 0 ? "1" : "0", double.NaN, actuals ? new JoinActual(i % 3 == 0 ? "1" : "0", double.NaN) : null);
        }

        return new PackedPredictions(rows);
    }

    private static IEnumerable<ISliceGrain> Families(IClusterClient client, string modelId) =>
        [client.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, Series, SliceKey.All)), client.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, Series, Region.Family))];

    private static async Task<long> LabelledAsync(ISliceGrain family) =>
        (await family.GetMembersAsync(Window)).Sum(m => m.Labelled);

    // Every family of the model's series counted this many labelled rows.
    private static async Task AssertLabelledAsync(IClusterClient client, string modelId, long expected)
    {
        foreach (var family in Families(client, modelId))
        {
            Assert.Equal(expected, await LabelledAsync(family));
        }
    }

    private static long Writes(string kind) => CountingGrainStorage.Counted.TryGetValue(kind, out var count) ? count.Writes : 0;

    private static long Bytes(string kind) => CountingGrainStorage.Counted.TryGetValue(kind, out var count) ? count.Bytes : 0;

    /// <summary>A cluster of one silo on the counting storage, with no tick in the tests' time and the join's test clock.</summary>
    internal static Task<TestCluster> StartAsync() => StartAsync<SiloConfigurator>();

    private static async Task<TestCluster> StartAsync<TConfigurator>()
        where TConfigurator : ISiloConfigurator, new()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ClusterId = $"join-outbox-{Guid.NewGuid():N}";
        builder.Options.ServiceId = "orleans-eval-join-outbox-tests";
        builder.AddSiloBuilderConfigurator<TConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private class SiloConfigurator : ISiloConfigurator
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
                Tune(options);
            });
        }

        protected virtual void Tune(OrleansEvalOptions options)
        {
        }
    }

    // A segment a batch and a cache of one sealed segment: from the third batch on, every call seals a segment whose rows
    // are unwritten past the cache, so its end writes the sealed segments.
    private sealed class SmallSegmentsConfigurator : SiloConfigurator
    {
        protected override void Tune(OrleansEvalOptions options)
        {
            options.JoinSegmentRows = Rows;
            options.JoinCachedSegments = 1;
        }
    }
}
