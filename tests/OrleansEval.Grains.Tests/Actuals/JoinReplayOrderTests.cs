using System.Collections.Immutable;
using Orleans.Core.Internal;
using Orleans.TestingHost;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Slices;
using OrleansEval.Testing;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// Two batches of one prediction id, each from a partition of its own of the model's ingest log, applied by a join shard
/// that then dies without storing its record: its outbox chunk is stored, its segments either stored too or refused.
/// After the restart the log replays the partitions' tails in either order, and every family counts the id exactly once,
/// with the actual the shard's rows then hold — which a later correction shows, since it takes back what the row holds.
/// Predicted labels are "1", so a row's accuracy is 1 when its actual is "1" and 0 when it is "0".
/// </summary>
[Collection(CountingStorageCollection.Name)]
public sealed class JoinReplayOrderTests
{
    private const string Id = "x";

    private static readonly SeriesId Champion = new("v1", "production");
    private static readonly SeriesId Shadow = new("v2", "production");
    private static readonly TimeWindow Window = new(new DateTimeOffset(2034, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public enum Scenario
    {
        /// <summary>An actual held by partition 0's batch, released by partition 1's registration of its prediction.</summary>
        HeldThenPredicted,

        /// <summary>A prediction registered by partition 0's batch, its late actual joined by partition 1's.</summary>
        PredictedThenLate,

        /// <summary>A prediction carrying actual "1" in partition 0's batch, corrected to "0" by partition 1's.</summary>
        CarriedThenCorrected,
    }

    [Theory]
    [InlineData(Scenario.HeldThenPredicted, false, false)]
    [InlineData(Scenario.HeldThenPredicted, true, false)]
    [InlineData(Scenario.HeldThenPredicted, false, true)]
    [InlineData(Scenario.HeldThenPredicted, true, true)]
    [InlineData(Scenario.PredictedThenLate, false, false)]
    [InlineData(Scenario.PredictedThenLate, true, false)]
    [InlineData(Scenario.PredictedThenLate, false, true)]
    [InlineData(Scenario.PredictedThenLate, true, true)]
    [InlineData(Scenario.CarriedThenCorrected, false, false)]
    [InlineData(Scenario.CarriedThenCorrected, true, false)]
    [InlineData(Scenario.CarriedThenCorrected, false, true)]
    [InlineData(Scenario.CarriedThenCorrected, true, true)]
    public async Task Replay_OfTwoPartitionsInEitherOrder_CountsTheIdOnceWithTheActualItsRowHolds(Scenario scenario, bool reversed, bool segmentsStored)
    {
        var modelId = $"replay-order-{Guid.NewGuid():N}"[..28];
        var batches = Batches(scenario, modelId);
        await CrashThenRecoverAsync(
            async first =>
            {
                var shard = Shard(first.Client, modelId);
                foreach (var batch in batches)
                {
                    await batch(shard);
                }

                // The outbox chunk is written first; then the first segment chunk (refused, so nothing after it is written
                // either), or the chunk and not the shard's record.
                await CrashAsync(first, shard, segmentsStored ? "join" : "join-chunk-0-0");
            },
            second => ReplayThenCorrectAsync(second, modelId, reversed ? batches.AsEnumerable().Reverse() : batches, scenario == Scenario.CarriedThenCorrected ? "0" : "1"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Replay_OfARegistrationThatReleasedAStoredHeldActual_LeavesNoneHeldAndAShadowTakesTheCurrentActual(bool familiesStoredFirst)
    {
        // The held actual is in the shard's stored record; the registration that released it is not. Either its outcome
        // is in the outbox chunk (so the replay is redone from it), or the families stored it and the shard's write was
        // refused after its segments (so the replay finds its own row and sends nothing).
        var modelId = $"replay-held-{Guid.NewGuid():N}"[..27];
        var held = new LogPosition($"{modelId}/0", 0, 0);
        var released = new LogPosition($"{modelId}/1", 0, 0);
        await CrashThenRecoverAsync(
            async first =>
            {
                var shard = Shard(first.Client, modelId);
                Assert.Equal(JoinResult.Held, Assert.Single(await shard.ApplyActualsAsync(held, Actual("1"))));
                Assert.True(await shard.CheckpointAsync([held]));
                await shard.RegisterAsync(released, ModelTask.BinaryClassification, "1", Prediction(Champion, null));
                if (familiesStoredFirst)
                {
                    CountingGrainStorage.RefusedState = "join";
                    await Assert.ThrowsAnyAsync<Exception>(() => shard.CheckpointAsync([released]));
                    await first.KillSiloAsync(first.Primary!);
                }
                else
                {
                    await CrashAsync(first, shard, "join");
                }
            },
            async second =>
            {
                var shard = Shard(second.Client, modelId);
                await shard.RegisterAsync(released, ModelTask.BinaryClassification, "1", Prediction(Champion, null));
                Assert.Equal(0, (await shard.GetFootprintAsync()).HeldActuals);
                await AssertCountedOnceAsync(second.Client, modelId, Champion, "1");

                // A correction, then a shadow version scores the id: it takes the current actual, not the stale held one.
                await shard.ApplyActualsAsync(new LogPosition($"{modelId}/0", 1, 0), Actual("0"));
                await shard.RegisterAsync(new LogPosition($"{modelId}/1", 1, 0), ModelTask.BinaryClassification, "1", Prediction(Shadow, null));
                await AssertCountedOnceAsync(second.Client, modelId, Champion, "0");
                await AssertCountedOnceAsync(second.Client, modelId, Shadow, "0");
                Assert.Equal(0, (await shard.GetFootprintAsync()).HeldActuals);
            });
    }

    [Fact]
    public async Task Redo_AfterASecondCrash_KeepsWhatALaterBatchStoredOverItsRows()
    {
        // Activation 1: partition 0's record carries "1"; its outbox chunk is stored, nothing else. Activation 2 redoes it
        // (the row at "1"), partition 1's correction moves the row to "0" and the shard's record stores that batch, not
        // partition 0's; the silo dies before partition 0 is replayed. Activation 3 must not redo partition 0's entry over
        // the stored correction: the row would say "1" while the family counted "0".
        var modelId = $"replay-twice-{Guid.NewGuid():N}"[..28];
        var batches = Batches(Scenario.CarriedThenCorrected, modelId);
        var correction = new LogPosition($"{modelId}/1", 0, 0);
        await CrashThenRecoverAsync(
            async first =>
            {
                var shard = Shard(first.Client, modelId);
                await batches[0](shard);
                await CrashAsync(first, shard, "join-chunk-0-0");
            },
            async second =>
            {
                var shard = Shard(second.Client, modelId);
                await batches[1](shard);
                Assert.True(await shard.CheckpointAsync([correction]));
                await second.KillSiloAsync(second.Primary!);
            },
            third => ReplayThenCorrectAsync(third, modelId, batches, "0"));
    }

    [Fact]
    public async Task Checkpoint_AfterOnlyTheShardsActivationLostABatch_AnswersMissing_AndTheLogsReplayIsThenStoredOnce()
    {
        // The shard's outbox chunk and segments are stored, its record refused, and only its activation ends: the log and
        // the family live on. The log's checkpoint must learn that the batch is missing (an exception leaves the log
        // unsure, so it neither trims nor applies the batch again, for good), apply it again, and then trim it.
        var modelId = $"replay-shard-{Guid.NewGuid():N}"[..28];
        var position = new LogPosition($"{modelId}/0", 0, 0);
        Func<ILabelJoinGrain, Task> batch = shard => shard.RegisterAsync(position, ModelTask.BinaryClassification, "1", Prediction(Champion, "1"));
        await CrashThenRecoverAsync(async cluster =>
        {
            var shard = Shard(cluster.Client, modelId);
            await batch(shard);
            await JoinOutboxTests.DeactivatedRefusingItsRecordAsync(shard);
            Assert.False(await shard.CheckpointAsync([position]));
            await batch(shard);
            Assert.True(await shard.CheckpointAsync([position]));
            await ReplayThenCorrectAsync(cluster, modelId, [], "1");
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Replay_OfBatchesTheFamiliesStoredBeforeTheShardsRecord_LeavesTheRowsAsCounted(bool reversed)
    {
        // Partition 0's record carries "1", partition 1's corrects it to "0"; the family stores both on its own tick, then
        // the shard's write stores its segments (the row at "0") and not its record, and the silo dies. Replayed
        // correction first, partition 0 would meet "0", send outcomes the family ignores and set the row back to "1",
        // unless the entries went into a chunk before the segments and the rows are redone from them.
        var modelId = $"replay-stored-{Guid.NewGuid():N}"[..29];
        var batches = Batches(Scenario.CarriedThenCorrected, modelId);
        await CrashThenRecoverAsync(
            async first =>
            {
                var shard = Shard(first.Client, modelId);
                foreach (var batch in batches)
                {
                    await batch(shard);
                }

                Assert.True(await first.Client.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, Champion, SliceKey.All)).CheckpointAsync([]));
                await JoinOutboxTests.DeactivatedRefusingItsRecordAsync(shard);
                await first.KillSiloAsync(first.Primary!);
            },
            second => ReplayThenCorrectAsync(second, modelId, reversed ? batches.AsEnumerable().Reverse() : batches, "0"));
    }

    // Runs each part but the last in a cluster that ends killed (the storage's refusal lifted after it), then the last in a
    // new cluster on the same storage.
    private static async Task CrashThenRecoverAsync(params Func<TestCluster, Task>[] parts)
    {
        foreach (var crash in parts[..^1])
        {
            var crashed = await JoinOutboxTests.StartAsync();
            try
            {
                await crash(crashed);
            }
            finally
            {
                CountingGrainStorage.RefusedState = null;
                await crashed.DisposeAsync();
            }
        }

        var recover = parts[^1];
        var recovered = await JoinOutboxTests.StartAsync();
        try
        {
            await recover(recovered);
        }
        finally
        {
            await recovered.StopAllSilosAsync();
            await recovered.DisposeAsync();
        }
    }

    // The log's partitions replayed in the order given; then the family counts the id once with `last`, nothing is held,
    // also after every grain is activated again, and a correction moves the count to the other actual once: had the rows
    // and the counts parted, the family would count the id twice, or not at all, or keep the old actual.
    private static async Task ReplayThenCorrectAsync(TestCluster cluster, string modelId, IEnumerable<Func<ILabelJoinGrain, Task>> replayed, string last)
    {
        var shard = Shard(cluster.Client, modelId);
        foreach (var batch in replayed)
        {
            await batch(shard);
        }

        for (var pass = 0; pass < 2; pass++)
        {
            await AssertCountedOnceAsync(cluster.Client, modelId, Champion, last);
            Assert.Equal(0, (await shard.GetFootprintAsync()).HeldActuals);

            // Everything written and read back, every grain activated again: still once.
            await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        }

        var corrected = last == "1" ? "0" : "1";
        await shard.ApplyActualsAsync(new LogPosition($"{modelId}/0", 9, 0), Actual(corrected));
        await AssertCountedOnceAsync(cluster.Client, modelId, Champion, corrected);
    }

    // Each batch of the scenario in the order first applied, the first from partition 0 of the log, the second from 1.
    private static List<Func<ILabelJoinGrain, Task>> Batches(Scenario scenario, string modelId)
    {
        var (a, b) = (new LogPosition($"{modelId}/0", 0, 0), new LogPosition($"{modelId}/1", 0, 0));
        return scenario switch
        {
            Scenario.HeldThenPredicted =>
            [
                shard => shard.ApplyActualsAsync(a, Actual("1")),
                shard => shard.RegisterAsync(b, ModelTask.BinaryClassification, "1", Prediction(Champion, null)),
            ],
            Scenario.PredictedThenLate =>
            [
                shard => shard.RegisterAsync(a, ModelTask.BinaryClassification, "1", Prediction(Champion, null)),
                shard => shard.ApplyActualsAsync(b, Actual("1")),
            ],
            _ =>
            [
                shard => shard.RegisterAsync(a, ModelTask.BinaryClassification, "1", Prediction(Champion, "1")),
                shard => shard.ApplyActualsAsync(b, Actual("0")),
            ],
        };
    }

    // The shard's record write (and what follows the refused write) fails on deactivation, after its outbox chunk was
    // stored; then the silo dies before any family stores an outcome.
    private static async Task CrashAsync(TestCluster cluster, ILabelJoinGrain shard, string refused)
    {
        var outboxWrites = Writes("join-outbox-n");
        var familyWrites = Writes("slice");
        CountingGrainStorage.RefusedState = refused;
        await shard.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.UntilAsync(() => Writes("join-outbox-n") > outboxWrites, "the shard's outbox chunk", TimeSpan.FromSeconds(30));
        Assert.Equal(familyWrites, Writes("slice"));
        await cluster.KillSiloAsync(cluster.Primary!);
    }

    private static async Task AssertCountedOnceAsync(IClusterClient client, string modelId, SeriesId series, string actual)
    {
        var member = Assert.Single(await client.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, series, SliceKey.All)).GetMembersAsync(Window));
        Assert.Equal(1, member.Labelled);
        Assert.Equal(actual == "1" ? 1.0 : 0.0, member.Realised.Metrics.Single(m => m.Key == "accuracy").Value.Value!.Value, 12);
    }

    private static ILabelJoinGrain Shard(IClusterClient client, string modelId) => client.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, 0));

    private static ImmutableArray<LateActual> Actual(string label) => [new LateActual(0, Id, new JoinActual(label, double.NaN))];

    private static PackedPredictions Prediction(SeriesId series, string? actual)
    {
        var rows = new PendingPredictions();
        var bucket = new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        rows.Add(Id, series, bucket, [SliceKey.Everything], 0.9, "1", double.NaN, actual is null ? null : new JoinActual(actual, double.NaN));
        return new PackedPredictions(rows);
    }

    private static long Writes(string kind) => CountingGrainStorage.Counted.TryGetValue(kind, out var count) ? count.Writes : 0;
}
