using Orleans.Core.Internal;
using Orleans.TestingHost;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Actuals;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Testing;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// The outbox's storage: each entry written once, in a chunk of the entries added since the last write, however long
/// the families take to confirm it; the shard's record carries none of it; and an outbox stored by the layouts before
/// chunks (in the shard's record, or rewritten whole as <c>join-outbox</c>) is taken over, never lost.
/// </summary>
public sealed partial class JoinOutboxTests
{
    private const int Flushes = 8;

    [Fact]
    public async Task OutboxWrites_AsUnconfirmedOutcomesAccumulateOverManyFlushes_StoreEachEntryOnce_AndReuseFreedSlots()
    {
        var modelId = $"outbox-grow-{Guid.NewGuid():N}"[..27];
        CountingGrainStorage.Reset();
        var cluster = await StartAsync();
        try
        {
            var shard = cluster.Client.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, 0));
            var probe = cluster.Client.GetGrain<IStoredStateProbeGrain>(0);
            var outboxBytes = new List<long>();
            var recordBytes = new List<long>();
            for (var round = 0; round < Flushes + 2; round++)
            {
                if (round == Flushes)
                {
                    // The families store what they hold: the next flush confirms every entry so far.
                    foreach (var family in Families(cluster.Client, modelId))
                    {
                        Assert.True(await family.CheckpointAsync([]));
                    }
                }

                var (outbox, record) = (Bytes("join-outbox-n"), Bytes("join"));
                await FlushedAsync(shard, new LogPosition($"{modelId}/0", round, 0), Batch($"g{round}"));
                outboxBytes.Add(Bytes("join-outbox-n") - outbox);
                recordBytes.Add(Bytes("join") - record);
            }

            // No family wrote while the outcomes piled up, yet each flush wrote one chunk of its own batch's entry (the
            // whole outbox before chunks, growing by one entry a flush), and the record carried none of them.
            Assert.Equal(2, Writes("slice"));
            Assert.Equal(Flushes + 2, Writes("join-outbox-n"));
            Assert.All(outboxBytes, b => Assert.InRange(b, outboxBytes[0] * 3 / 4, outboxBytes[0] * 5 / 4));
            Assert.All(await StoredEntriesAsync(cluster, shard, Flushes + 1), n => Assert.Equal(1, n));
            Assert.All(recordBytes, b => Assert.True(b < outboxBytes[0], $"a record of {b} bytes carries an outbox entry of {outboxBytes[0]}"));

            // Slots are written over, never deleted: the first chunk after every earlier one was confirmed took slot
            // Flushes (the stored floor was still 0), and the one after it slot 0, whose chunk was below the new floor.
            Assert.Equal(0, CountingGrainStorage.Counted.GetValueOrDefault("join-outbox-n")?.Deletes ?? 0);
            Assert.Equal(Flushes + 1, (await probe.JoinOutboxAsync(shard.GetGrainId(), "join-outbox-0"))!.Number);
            Assert.Equal(Flushes, (await probe.JoinOutboxAsync(shard.GetGrainId(), $"join-outbox-{Flushes}"))!.Number);
            Assert.Null(await probe.JoinOutboxAsync(shard.GetGrainId(), $"join-outbox-{Flushes + 1}"));
            Assert.Equal(Flushes, (await probe.JoinStateAsync(shard.GetGrainId())).OutboxFloor);

            // Every activation sent every stored entry again: each outcome counted once.
            await AssertLabelledAsync(cluster.Client, modelId, (Flushes + 2) * Rows);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task SealedSegmentWrites_BetweenTheShardsWrites_WriteOnlyTheNewEntriesAndNoRecord_AndACrashLosesNothing()
    {
        var modelId = $"outbox-evict-{Guid.NewGuid():N}"[..28];
        CountingGrainStorage.Reset();
        var cluster = await StartAsync<SmallSegmentsConfigurator>();
        try
        {
            var shard = cluster.Client.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, 0));
            var chunkBytes = new List<long>();
            for (var round = 0; round < Flushes; round++)
            {
                var (bytes, writes) = (Bytes("join-outbox-n"), Writes("join-outbox-n"));
                await shard.RegisterAsync(new LogPosition($"{modelId}/0", round, 0), ModelTask.BinaryClassification, "1", Batch($"e{round}"));
                if (Writes("join-outbox-n") > writes)
                {
                    chunkBytes.Add(Bytes("join-outbox-n") - bytes);
                }
            }

            // From the third batch on, each call wrote the sealed segments past the cache, after a chunk of the outbox's
            // entries added since the last (the first, the three batches so far; then one each, though none was
            // confirmed), and never the shard's record; no family wrote.
            Assert.Equal(Flushes - 2, chunkBytes.Count);
            Assert.InRange(Writes("join-segment-n"), Flushes - 2, Flushes - 1);
            Assert.Equal(0, Writes("join"));
            Assert.Equal(0, Writes("slice"));
            Assert.All(chunkBytes.Skip(1), b => Assert.InRange(b, chunkBytes[1] * 3 / 4, chunkBytes[1] * 5 / 4));
            int[] oneEach = [3, .. Enumerable.Repeat(1, Flushes - 3)];
            Assert.Equal(oneEach, await StoredEntriesAsync(cluster, shard, Flushes - 2));

            // The silo dies: the sealed segments are adopted, every chunk is sent again, and the log replays every batch
            // (the shard's record never said one was applied). Each outcome counted once.
            cluster = await KilledAndRestartedAsync(cluster);
            shard = cluster.Client.GetGrain<ILabelJoinGrain>(shard.GetPrimaryKeyString());
            for (var round = 0; round < Flushes; round++)
            {
                await shard.RegisterAsync(new LogPosition($"{modelId}/0", round, 0), ModelTask.BinaryClassification, "1", Batch($"e{round}"));
            }

            await AssertLabelledAsync(cluster.Client, modelId, Flushes * Rows);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("join")]
    [InlineData("join-outbox")]
    public async Task Activation_OfAnOutboxStoredBeforeChunks_SendsItAgainAndMovesItIntoAChunk(string layout)
    {
        // The shard's record says the batch was applied and, as records before chunks did, the outbox is stored whole
        // in the record (or the record before chunks); no family stored the outcomes, and the silo dies.
        var modelId = $"outbox-old-{Guid.NewGuid():N}"[..26];
        var applied = new LogPosition($"{modelId}/0", 0, 0);
        var cluster = await StartAsync();
        try
        {
            CountingGrainStorage.Reset();
            var shard = cluster.Client.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, 0));
            var probe = cluster.Client.GetGrain<IStoredStateProbeGrain>(0);
            await FlushedAsync(shard, applied, Batch("old"));
            var chunk = (await probe.JoinOutboxAsync(shard.GetGrainId(), "join-outbox-0"))!;
            Assert.Single(chunk.Entries);
            var record = await probe.JoinStateAsync(shard.GetGrainId());
            if (layout == "join")
            {
                record.Outbox = chunk.Entries;
            }
            else
            {
                await probe.SeedJoinOutboxAsync(shard.GetGrainId(), "join-outbox", new JoinOutboxRecord { Entries = chunk.Entries });
            }

            record.OutboxFloor = 0;
            await probe.SeedJoinAsync(shard.GetGrainId(), record);
            await probe.SeedJoinOutboxAsync(shard.GetGrainId(), "join-outbox-0", null);
            Assert.Equal(0, Writes("slice"));

            // The log replays the batch, which the record holds: only the old outbox can bring its outcomes back. A
            // second batch makes the shard write: the old entry goes into a chunk, the record and the old record are emptied.
            cluster = await KilledAndRestartedAsync(cluster);
            (shard, probe) = (cluster.Client.GetGrain<ILabelJoinGrain>(shard.GetPrimaryKeyString()), cluster.Client.GetGrain<IStoredStateProbeGrain>(0));
            await shard.RegisterAsync(applied, ModelTask.BinaryClassification, "1", Batch("old"));
            await AssertLabelledAsync(cluster.Client, modelId, Rows);
            await FlushedAsync(shard, new LogPosition($"{modelId}/0", 1, 0), Batch("new"));
            Assert.Empty((await probe.JoinStateAsync(shard.GetGrainId())).Outbox);
            await OutboxBeforeChunksDeletedAsync(probe, shard);
            Assert.Equal(2, (await probe.JoinOutboxAsync(shard.GetGrainId(), "join-outbox-0"))!.Entries.Count);
            Assert.Equal(0, Writes("slice"));

            // Nothing of either batch was stored by a family: the chunk alone brings both back, each counted once.
            cluster = await KilledAndRestartedAsync(cluster);
            shard = cluster.Client.GetGrain<ILabelJoinGrain>(shard.GetPrimaryKeyString());
            await shard.RegisterAsync(applied, ModelTask.BinaryClassification, "1", Batch("old"));
            await AssertLabelledAsync(cluster.Client, modelId, 2 * Rows);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task OutboxRecordBeforeChunks_IsDeletedOnlyOnceAShardRecordIsStoredAfterTheChunkTakingItsEntries()
    {
        // The entry of a batch the shard's record holds is stored only in the record of the layout before chunks.
        var modelId = $"outbox-keep-{Guid.NewGuid():N}"[..27];
        var cluster = await StartAsync();
        try
        {
            var shard = cluster.Client.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, 0));
            var probe = cluster.Client.GetGrain<IStoredStateProbeGrain>(0);
            await FlushedAsync(shard, new LogPosition($"{modelId}/0", 0, 0), Batch("old"));
            var chunk = (await probe.JoinOutboxAsync(shard.GetGrainId(), "join-outbox-0"))!;
            await probe.SeedJoinOutboxAsync(shard.GetGrainId(), "join-outbox", new JoinOutboxRecord { Entries = chunk.Entries });
            await probe.SeedJoinOutboxAsync(shard.GetGrainId(), "join-outbox-0", null);

            // A write that stores the chunk taking the old entry, and the segments, but not the shard's record: the
            // record still names the chunks from 0, yet the old record stays until a shard record is stored after it.
            cluster = await KilledAndRestartedAsync(cluster);
            (shard, probe) = (cluster.Client.GetGrain<ILabelJoinGrain>(shard.GetPrimaryKeyString()), cluster.Client.GetGrain<IStoredStateProbeGrain>(0));
            await shard.RegisterAsync(new LogPosition($"{modelId}/0", 1, 0), ModelTask.BinaryClassification, "1", Batch("new"));
            await DeactivatedRefusingItsRecordAsync(shard);
            Assert.Equal(2, (await probe.JoinOutboxAsync(shard.GetGrainId(), "join-outbox-0"))!.Entries.Count);
            Assert.NotNull(await probe.JoinOutboxAsync(shard.GetGrainId(), "join-outbox"));

            await FlushedAsync(shard, new LogPosition($"{modelId}/0", 2, 0), Batch("newer"));
            await OutboxBeforeChunksDeletedAsync(probe, shard);
            await AssertLabelledAsync(cluster.Client, modelId, 3 * Rows);
        }
        finally
        {
            CountingGrainStorage.RefusedState = null;
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>
    /// Deactivates the shard with the write of its record refused: its outbox chunk and segments are stored, its record
    /// not; the refusal is lifted once the write was refused.
    /// </summary>
    internal static async Task DeactivatedRefusingItsRecordAsync(ILabelJoinGrain shard)
    {
        var refused = CountingGrainStorage.Refused;
        try
        {
            CountingGrainStorage.RefusedState = "join";
            await shard.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
            await Eventually.UntilAsync(() => CountingGrainStorage.Refused > refused, "the shard's refused record", TimeSpan.FromSeconds(30));
        }
        finally
        {
            CountingGrainStorage.RefusedState = null;
        }
    }

    // The entries each of the first slots of the shard's outbox holds, as stored.
    private static async Task<int[]> StoredEntriesAsync(TestCluster cluster, ILabelJoinGrain shard, int slots)
    {
        var probe = cluster.Client.GetGrain<IStoredStateProbeGrain>(0);
        var chunks = await Task.WhenAll(Enumerable.Range(0, slots).Select(k => probe.JoinOutboxAsync(shard.GetGrainId(), $"join-outbox-{k}")));
        return [.. chunks.Select(c => c!.Entries.Count)];
    }

    // Kills the silo (nothing more is written, no grain deactivates) and starts a new cluster on the same store.
    private static async Task<TestCluster> KilledAndRestartedAsync(TestCluster cluster)
    {
        await cluster.KillSiloAsync(cluster.Primary!);
        await cluster.DisposeAsync();
        return await StartAsync();
    }

    // Registers a batch and has the shard write, by deactivating it (no tick runs in these tests).
    // The record before chunks is deleted after the shard's record is written, as its deactivation goes on.
    private static Task<JoinOutboxRecord?> OutboxBeforeChunksDeletedAsync(IStoredStateProbeGrain probe, ILabelJoinGrain shard) =>
        Eventually.UntilAsync(
            () => probe.JoinOutboxAsync(shard.GetGrainId(), "join-outbox"),
            record => record is null,
            record => $"the outbox record before chunks still stored, with {record?.Entries.Count} entries",
            TimeSpan.FromSeconds(30));

    private static async Task FlushedAsync(ILabelJoinGrain shard, LogPosition position, PackedPredictions batch)
    {
        var writes = Writes("join");
        await shard.RegisterAsync(position, ModelTask.BinaryClassification, "1", batch);
        await shard.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.UntilAsync(() => Writes("join") > writes, "the shard's write on deactivation", TimeSpan.FromSeconds(30));
    }
}
