using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Testing;
using Xunit.Abstractions;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// Every record storage is sent on the ingest path with the log on, counted by kind: <see cref="Batches"/> batches of
/// 1,000 records of 20 features (six slice families, four join shards, the actual on half the records) ingested one
/// after the other, the log trimmed, then the silo stopped, so every grain writes what it holds. Counted with segments
/// compressed and without; the table in the output is the one in docs/benchmarks.md, "Durable ingest".
/// </summary>
[Collection(CountingStorageCollection.Name)]
public sealed class IngestWriteCostTests(ITestOutputHelper output)
{
    private const int Batches = 8;
    private const int Records = 1_000;

    private static readonly ManualClock Clock = new(new DateTimeOffset(2025, 1, 1, 6, 0, 0, TimeSpan.Zero));
    private static readonly CountingRowBlobStore RowStore = new();

    [Fact]
    public async Task Ingest_WithSegmentsCompressed_SendsStorageFewerLogAndJoinBytes()
    {
        var plain = await CountAsync(SegmentCompression.None);
        var compressed = await CountAsync(SegmentCompression.Fastest);

        Report("not compressed", plain);
        Report("compressed", compressed);
        // Numbers written as decimal integers leave Brotli less to take: 64.0 kB a batch against 105.5 kB (eight bytes
        // a number: 98.9 kB against 207.2 kB).
        Assert.True(Bytes(compressed, "ingest-slot-n") < Bytes(plain, "ingest-slot-n") * 0.7, "log segments were not compressed");
        Assert.True(Bytes(compressed, "join-segment-n", "join-chunk-n-n") < Bytes(plain, "join-segment-n", "join-chunk-n-n"), "join segments were not compressed");

        // One request per group commit: a trimmed segment's slot takes a later one, so no segment is ever deleted.
        Assert.Equal(Batches, compressed["ingest-slot-n"].Writes);
        Assert.Equal(0, compressed["ingest-slot-n"].Deletes);
        Assert.False(compressed.ContainsKey("ingest-log-n"), "a segment was stored outside the ring of slots");
    }

    [Fact]
    public async Task Checkpoint_OfEntriesTheColumnHasStored_WritesNothingEvenWithNewerOnesPending()
    {
        var modelId = $"ckpt-{Guid.NewGuid():N}"[..20];
        CountingGrainStorage.Reset();
        var cluster = await StartAsync<QuietSiloConfigurator>();
        try
        {
            var column = cluster.Client.GetGrain<IFeatureGrain>(FeatureKey.For(modelId, new SeriesId("v1", "production"), "city").ToString());
            var first = new LogPosition($"{modelId}/0", 0, 0);
            var second = first with { Sequence = 1 };
            await column.ApplyAsync(Chunk(first, "Seattle"));
            Assert.True(await column.CheckpointAsync([first]));
            var afterFirst = Writes("column");

            // The first entry is stored; the second is not yet: asking about the first must not write the second out.
            await column.ApplyAsync(Chunk(second, "Lyon"));
            Assert.True(await column.CheckpointAsync([first]));
            var afterStoredAsked = Writes("column");
            Assert.True(await column.CheckpointAsync([first, second]));
            var afterPendingAsked = Writes("column");

            Assert.Equal(1, afterFirst);
            Assert.Equal(afterFirst, afterStoredAsked);
            Assert.Equal(afterFirst + 1, afterPendingAsked);
            Assert.Equal(2, await column.CountAsync(null));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>
    /// The join shard and the row grain forget, once stored, the entries they applied: asked about entries already
    /// stored, a checkpoint writes nothing however many entries came before. Were the entries kept as unstored (the
    /// set of them grew by one a batch for the life of the activation, 24 bytes each and on the large object heap past
    /// 3,500), every checkpoint would write again.
    /// </summary>
    [Fact]
    public async Task Checkpoint_OfEntriesTheJoinShardAndRowGrainStored_WritesNothingAsEntriesGrow()
    {
        const int Entries = 40;
        var modelId = $"ckpt-{Guid.NewGuid():N}"[..20];
        CountingGrainStorage.Reset();
        var cluster = await StartAsync<QuietSiloConfigurator>();
        try
        {
            var shard = cluster.Client.GetGrain<ILabelJoinGrain>(LabelJoinKey.For(modelId, 0));
            var rows = cluster.Client.GetGrain<IRowGrain>(RowGrainKey.Actuals(modelId).ToString());
            var stored = new List<LogPosition>();
            for (var e = 0; e < Entries; e++)
            {
                var position = new LogPosition($"{modelId}/0", e, 0);
                LateActual[] actuals = [new(0, $"id-{e}", new JoinActual("yes", 1))];
                await shard.ApplyActualsAsync(position, [.. actuals]);
                await rows.ApplyActualsAsync(position, Clock.GetUtcNow(), [.. actuals]);

                // The entries stored so far, with one applied and not yet stored beside them: no write for either grain.
                var (joinBefore, rowsBefore) = (Writes("join"), Writes("rows"));
                if (stored.Count > 0)
                {
                    Assert.True(await shard.CheckpointAsync([.. stored]));
                    Assert.True(await rows.CheckpointAsync([.. stored]));
                    Assert.Equal((joinBefore, rowsBefore), (Writes("join"), Writes("rows")));
                }

                // The new entry asked for: one write each, which stores it.
                Assert.True(await shard.CheckpointAsync([position]));
                Assert.True(await rows.CheckpointAsync([position]));
                Assert.Equal((joinBefore + 1, rowsBefore + 1), (Writes("join"), Writes("rows")));
                stored.Add(position);
            }
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static ColumnChunk Chunk(LogPosition position, string value) =>
        new($"batch-{position.Sequence}", [1_704_067_200], [], [value], []) { Bucket = TimeSpan.FromHours(1), Position = position };

    private static long Writes(string kind) => CountingGrainStorage.Counted.TryGetValue(kind, out var count) ? count.Writes : 0;

    private static async Task<Dictionary<string, RecordCount>> CountAsync(SegmentCompression compression)
    {
        var modelId = $"cost-{compression}-{Guid.NewGuid():N}"[..24].ToLowerInvariant();
        CountingGrainStorage.Compression = compression;
        CountingGrainStorage.Reset();
        var rowsBefore = RowStore.Written;
        var cluster = await StartAsync<SiloConfigurator>();
        try
        {
            Assert.Null((await cluster.Client.GetGrain<IModelGrain>(modelId).DefineAsync(LoggedBatch.Snapshot.Definition)).Error);
            for (var b = 0; b < Batches; b++)
            {
                var batch = new IngestBatch(string.Create(CultureInfo.InvariantCulture, $"records:cost-{b}"), LoggedBatch.Records(Records, TimeSpan.FromSeconds(3.6), b * Records), []);
                Assert.Equal(Records, (await cluster.Client.GetGrain<IIngestWorker>(0).IngestAsync(modelId, batch))!.Accepted);
            }

            await IngestLogWaits.UntilTrimmedAsync(cluster.Client, modelId, TimeSpan.FromSeconds(60));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        var counts = new Dictionary<string, RecordCount>(CountingGrainStorage.Counted, StringComparer.Ordinal);
        var rows = RowStore.Written;
        counts["row parts (row store)"] = new RecordCount(rows.Puts - rowsBefore.Puts, rows.Bytes - rowsBefore.Bytes, 0);
        return counts;
    }

    private static long Bytes(Dictionary<string, RecordCount> counts, params string[] kinds) =>
        kinds.Sum(k => counts.TryGetValue(k, out var c) ? c.Bytes : 0);

    private void Report(string title, Dictionary<string, RecordCount> counts)
    {
        output.WriteLine($"{title}: {Batches} batches of {Records:N0} records");
        output.WriteLine("| record | writes | deletes | bytes | bytes per batch |");
        foreach (var (kind, count) in counts.OrderByDescending(c => c.Value.Bytes))
        {
            output.WriteLine($"| {kind} | {count.Writes:N0} | {count.Deletes:N0} | {count.Bytes:N0} | {count.Bytes / Batches:N0} |");
        }

        output.WriteLine($"| all | {counts.Values.Sum(c => c.Writes):N0} | {counts.Values.Sum(c => c.Deletes):N0} | {counts.Values.Sum(c => c.Bytes):N0} | {counts.Values.Sum(c => c.Bytes) / Batches:N0} |");
    }

    private static async Task<TestCluster> StartAsync<TConfigurator>()
        where TConfigurator : ISiloConfigurator, new()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ClusterId = $"write-cost-{Guid.NewGuid():N}";
        builder.Options.ServiceId = "orleans-eval-write-cost-tests";
        builder.AddSiloBuilderConfigurator<TConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static void Configure(ISiloBuilder siloBuilder, TimeSpan persistInterval)
    {
        siloBuilder.Services.AddKeyedSingleton<TimeProvider>(EvaluationClock.Key, Clock);
        siloBuilder.Services.AddSingleton<Grains.Rows.IRowBlobStore>(RowStore);
        siloBuilder.Services.AddGrainStorage(StorageNames.State, (services, _) => ActivatorUtilities.CreateInstance<CountingGrainStorage>(services));
        siloBuilder.AddMemoryGrainStorage("PubSubStore").AddMemoryStreams(OrleansEval.Alerts.AlertStreams.Provider).UseInMemoryReminderService();
        siloBuilder.AddOrleansEvalGrains(options =>
        {
            options.PersistInterval = persistInterval;
            options.EvaluateOnIngest = false;
        });
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => IngestWriteCostTests.Configure(siloBuilder, TimeSpan.FromSeconds(1));
    }

    // No tick within a test: every write counted is one a checkpoint asked for.
    private sealed class QuietSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => IngestWriteCostTests.Configure(siloBuilder, TimeSpan.FromHours(1));
    }
}
