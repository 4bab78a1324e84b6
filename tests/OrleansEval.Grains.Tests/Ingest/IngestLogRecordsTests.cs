using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Ingest;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// The ingest log's own records — head, key pages, segments — against a store that checks version tags: trimming goes
/// on after the tags it holds went stale, a trimmed segment's slot takes the next segment, and segment records of the
/// layout before the ring are replayed, then deleted, and those a crash left below the head are deleted on activation.
/// </summary>
public sealed class IngestLogRecordsTests
{
    private const string Head = "ingest-log/";
    private const string Segments = "ingest-log-";
    private const string Slots = "ingest-slot-";

    [Fact]
    public async Task Trim_AfterTheTagsOfTheLogsRecordsWentStale_StillTrimsAndWritesTheNextSegmentIntoTheFreedSlot()
    {
        var modelId = $"stale-{Guid.NewGuid():N}"[..20];
        var cluster = await StartAsync();
        try
        {
            await DefineAndTrimOneBatchAsync(cluster.Client, modelId);

            // The store restarted: every tag the log holds for its head, key page and segment slot is stale now.
            TaggedGrainStorage.MoveTagsOn("ingest-", modelId);
            await IngestAsync(cluster.Client, modelId, "second");
            await IngestLogWaits.UntilTrimmedAsync(cluster.Client, modelId, TimeSpan.FromSeconds(30));

            // The second segment went into the slot the trimmed first one held, over its stale tag.
            Assert.Single(TaggedGrainStorage.Keys(Slots, modelId));
            Assert.Empty(TaggedGrainStorage.Keys(Segments, modelId));
            Assert.NotEmpty(TaggedGrainStorage.Keys("ingest-keys-", modelId));
            var reused = new IngestBatch("first", Records(shift: 1), []);
            Assert.True((await cluster.Client.GetGrain<IIngestWorker>(0).IngestAsync(modelId, reused))!.Conflict);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Trim_OfBatchesSentWithoutAKey_RemembersNoKey()
    {
        var modelId = $"keyless-{Guid.NewGuid():N}"[..20];
        var cluster = await StartAsync();
        try
        {
            await DefineAsync(cluster.Client, modelId);
            await IngestAsync(cluster.Client, modelId, BatchKey.For("records", null));
            await IngestAsync(cluster.Client, modelId, BatchKey.For("records", null));
            await IngestLogWaits.UntilTrimmedAsync(cluster.Client, modelId, TimeSpan.FromSeconds(30));

            Assert.Empty(TaggedGrainStorage.Keys(Segments, modelId));
            Assert.Empty(TaggedGrainStorage.Keys("ingest-keys-", modelId));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Activation_DeletesTheSegmentsACrashLeftBelowTheHead()
    {
        var modelId = $"orphan-{Guid.NewGuid():N}"[..20];
        var first = await StartAsync();
        try
        {
            await DefineAsync(first.Client, modelId);
            await IngestAsync(first.Client, modelId, "first");
            await IngestAsync(first.Client, modelId, "second");
            await IngestLogWaits.UntilTrimmedAsync(first.Client, modelId, TimeSpan.FromSeconds(30));

            // What a process that died between the head write and the deletes leaves: the head past segments still stored.
            var storage = ((InProcessSiloHandle)first.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);
            var log = GrainId.Parse(Assert.Single(TaggedGrainStorage.Keys(Head, modelId))[Head.Length..]);
            foreach (var number in new[] { 0, 1 })
            {
                var segment = new GrainState<IngestLogSegment>(new IngestLogSegment { Number = number });
                await storage.WriteStateAsync(string.Create(CultureInfo.InvariantCulture, $"{Segments}{number}"), log, segment);
            }

            Assert.Equal(2, TaggedGrainStorage.Keys(Segments, modelId).Count);
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await StartAsync();
        try
        {
            Assert.Equal(0, await second.Client.GetGrain<IIngestLogGrain>(IngestLogKey.For(modelId, 0)).RecoverAsync());
            Assert.Empty(TaggedGrainStorage.Keys(Segments, modelId));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Activation_ReplaysASegmentRecordOfTheLayoutBeforeTheRing_ThenDeletesIt()
    {
        var modelId = $"legacy-{Guid.NewGuid():N}"[..20];
        var first = await StartAsync();
        try
        {
            await DefineAndTrimOneBatchAsync(first.Client, modelId);

            // A segment as the layout before the ring stored it, at the head's first number: the slot's trimmed
            // segment, its entry under another key and the next sequence number.
            var storage = ((InProcessSiloHandle)first.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);
            var log = GrainId.Parse(Assert.Single(TaggedGrainStorage.Keys(Head, modelId))[Head.Length..]);
            var slot = new GrainState<IngestLogSegment>();
            await storage.ReadStateAsync($"{Slots}0", log, slot);
            var logged = Assert.Single(Assert.IsType<IngestLogSegment>(slot.State).Entries);
            var entry = logged with { Sequence = logged.Sequence + 1, Entry = logged.Entry with { BatchId = "legacy" } };
            var segment = new GrainState<IngestLogSegment>(new IngestLogSegment { Number = 1, Entries = [entry] });
            await storage.WriteStateAsync($"{Segments}1", log, segment);
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await StartAsync();
        try
        {
            var partition = second.Client.GetGrain<IIngestLogGrain>(IngestLogKey.For(modelId, 0));
            Assert.True(await partition.HoldsAsync("legacy"));
            await IngestAsync(second.Client, modelId, "second");
            await IngestLogWaits.UntilTrimmedAsync(second.Client, modelId, TimeSpan.FromSeconds(30));

            Assert.True(await partition.HoldsAsync("legacy"));
            Assert.Empty(TaggedGrainStorage.Keys(Segments, modelId));
            Assert.Single(TaggedGrainStorage.Keys(Slots, modelId));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    private static async Task<TestCluster> StartAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ClusterId = $"log-records-{Guid.NewGuid():N}";
        builder.Options.ServiceId = "orleans-eval-log-records-tests";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task DefineAsync(IGrainFactory grains, string modelId)
    {
        var model = new ModelDefinition { Task = ModelTask.Regression, Features = [new FeatureDefinition("x", FeatureType.Numeric)] };
        Assert.Null((await grains.GetGrain<IModelGrain>(modelId).DefineAsync(model)).Error);
    }

    private static async Task DefineAndTrimOneBatchAsync(IGrainFactory grains, string modelId)
    {
        await DefineAsync(grains, modelId);
        await IngestAsync(grains, modelId, "first");
        await IngestLogWaits.UntilTrimmedAsync(grains, modelId, TimeSpan.FromSeconds(30));
    }

    private static async Task IngestAsync(IGrainFactory grains, string modelId, string batchId)
    {
        var result = await grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, new IngestBatch(batchId, Records(), []));
        Assert.Equal(10, result!.Accepted);
    }

    private static ImmutableArray<RecordInput> Records(int shift = 0) =>
        [.. Enumerable.Range(0, 10).Select(i => new RecordInput
        {
            Index = i,
            PredictionId = i.ToString(CultureInfo.InvariantCulture),
            Timestamp = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Features = ImmutableDictionary<string, FeatureValue>.Empty.Add("x", FeatureValue.Of(i + shift)),
        })];

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddGrainStorage(StorageNames.State, (services, _) => ActivatorUtilities.CreateInstance<TaggedGrainStorage>(services));
            siloBuilder.AddMemoryGrainStorage("PubSubStore").AddMemoryStreams(OrleansEval.Alerts.AlertStreams.Provider).UseInMemoryReminderService();
            siloBuilder.AddOrleansEvalGrains(options => options.PersistInterval = TimeSpan.FromMilliseconds(300));
        }
    }
}
