using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Rows;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Testing;

namespace OrleansEval.Grains.Tests.Rows;

/// <summary>
/// The row store's per-day cap and retention, on a cluster of its own with a small cap and its own clock: a day over
/// the cap keeps exactly the cap's rows, a uniform sample, and says so; days past retention are neither written nor
/// read, and their parts are deleted when the series starts a new day.
/// </summary>
public sealed class RowCapAndRetentionTests : IAsyncLifetime
{
    private const int Cap = 200;
    private static readonly ManualClock Clock = new(new DateTimeOffset(2031, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private static readonly MemoryRowBlobStore Store = new();
    private TestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ClusterId = $"rows-cap-{Guid.NewGuid():N}";
        builder.Options.ServiceId = "orleans-eval-row-tests";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Read_OfADayOverTheCap_KeepsExactlyCapRowsUniformlyAndSaysItIsASample()
    {
        // A fixed model id fixes the reservoir's seed, so the check below is deterministic.
        const string modelId = "cap-uniform";
        const int sent = 4_000;
        await DefineAsync(modelId);
        var day = new DateTimeOffset(Clock.GetUtcNow().Date.AddDays(-1), TimeSpan.Zero);
        foreach (var batch in Enumerable.Range(0, sent).Chunk(500))
        {
            await IngestAsync(modelId, batch.Select(i => (i, day.AddSeconds(i * 20))));
        }

        var (kept, sampled) = await ReadAsync(modelId, day, day.AddDays(1));

        Assert.Equal(Cap, kept.Count);
        Assert.Equal(Cap, kept.Distinct().Count());
        Assert.True(sampled);

        // Uniform over the day: the mean index of 200 of 4,000 rows is 1999.5 ± 79 (one standard deviation), and each
        // tenth of the day holds 20 ± 4.2 of them. Keeping the first or the last rows fails both by far.
        var indices = kept.Select(id => int.Parse(id[1..], CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(indices.Average(), 1999.5 - (4 * 79), 1999.5 + (4 * 79));
        var tenths = indices.GroupBy(i => i / (sent / 10)).ToDictionary(g => g.Key, g => g.Count());
        var chiSquare = Enumerable.Range(0, 10).Sum(t => Math.Pow(tenths.GetValueOrDefault(t) - 20.0, 2) / 20.0);
        Assert.True(chiSquare < 33.7, $"chi-square {chiSquare:F1} over tenths of the day (df 9, p = 1e-4 at 33.7)");
    }

    [Fact]
    public async Task Read_OfADayUnderTheCap_KeepsEveryRowAndIsNotASample()
    {
        const string modelId = "cap-under";
        await DefineAsync(modelId);
        var day = new DateTimeOffset(Clock.GetUtcNow().Date.AddDays(-2), TimeSpan.Zero);
        await IngestAsync(modelId, Enumerable.Range(0, Cap).Select(i => (i, day.AddMinutes(i))));

        var (kept, sampled) = await ReadAsync(modelId, day, day.AddDays(1));

        Assert.Equal(Cap, kept.Distinct().Count());
        Assert.False(sampled);
    }

    [Fact]
    public async Task Retention_CountsFromArrival_HistoryIsKeptThenDaysPastItAreNotReadAndDeletedWhenANewDayStarts()
    {
        var modelId = $"retain-{Guid.NewGuid():N}"[..20];
        await DefineAsync(modelId);
        var now = Clock.GetUtcNow();
        var recent = new DateTimeOffset(now.Date.AddDays(-1), TimeSpan.Zero);
        var history = new DateTimeOffset(now.Date.AddDays(-400), TimeSpan.Zero);
        var prefix = $"{modelId}/{SeriesId.DefaultVersion}/{SeriesId.DefaultEnvironment}/";

        // Rows with event times older than the retention arrive now: kept, like the day before's.
        await IngestAsync(modelId, [(0, recent), (1, recent.AddHours(1)), (2, history)]);
        Assert.Equal(["r1", "r0", "r2"], (await ReadAsync(modelId, history, now)).Ids);

        // Twenty days on, a late row for the recent day keeps that day; thirty-one days after the first rows the
        // history day has received nothing for longer than the retention: never read, deleted once a new day starts.
        Clock.Set(now.AddDays(20));
        try
        {
            await IngestAsync(modelId, [(3, recent.AddHours(2))]);
            Clock.Set(now.AddDays(31));
            Assert.Equal(["r3", "r1", "r0"], (await ReadAsync(modelId, history, now.AddDays(31))).Ids);
            Assert.Contains(await ListAsync(prefix), n => n.StartsWith(prefix + Day(history), StringComparison.Ordinal));

            await IngestAsync(modelId, [(4, now.AddDays(30))]);
            var names = await ListAsync(prefix);
            Assert.DoesNotContain(names, n => n.StartsWith(prefix + Day(history), StringComparison.Ordinal));
            Assert.Contains(names, n => n.StartsWith(prefix + Day(recent), StringComparison.Ordinal));

            // Fifty-one days on, the recent day's last row arrived 31 days before: it goes too.
            Clock.Set(now.AddDays(51));
            Assert.Equal(["r4"], (await ReadAsync(modelId, history, now.AddDays(52))).Ids);
        }
        finally
        {
            Clock.Set(now);
        }
    }

    private static string Day(DateTimeOffset time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task DefineAsync(string modelId)
    {
        var model = new ModelDefinition { Task = ModelTask.Regression, Features = [new FeatureDefinition("x", FeatureType.Numeric)] };
        Assert.Null((await Grains.GetGrain<IModelGrain>(modelId).DefineAsync(model)).Error);
    }

    private async Task IngestAsync(string modelId, IEnumerable<(int Index, DateTimeOffset Timestamp)> records)
    {
        ImmutableArray<RecordInput> batch = [.. records.Select((r, i) => new RecordInput
        {
            Index = i,
            PredictionId = $"r{r.Index}",
            Timestamp = r.Timestamp,
            Features = ImmutableDictionary<string, FeatureValue>.Empty.Add("x", FeatureValue.Of(r.Index)),
        })];
        var result = await Grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, new IngestBatch($"records:{Guid.NewGuid():N}", batch, []));
        Assert.Equal(batch.Length, result!.Accepted);
    }

    private async Task<(List<string> Ids, bool Sampled)> ReadAsync(string modelId, DateTimeOffset from, DateTimeOffset to)
    {
        var ids = new List<string>();
        var sampled = false;
        await foreach (var block in Grains.ReadRowsAsync(new RowQuery(modelId, null, null, from, to)))
        {
            ids.AddRange(block.PredictionIds);
            sampled |= block.Sampled;
        }

        return (ids, sampled);
    }

    private static async Task<List<string>> ListAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var name in Store.ListAsync(prefix, CancellationToken.None))
        {
            names.Add(name);
        }

        return names;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder
                .ConfigureServices(services => services.AddKeyedSingleton<TimeProvider>(EvaluationClock.Key, Clock).AddSingleton<IRowBlobStore>(Store))
                .AddOrleansEvalMemoryStorage()
                .AddMemoryGrainStorage("PubSubStore")
                .AddMemoryStreams(OrleansEval.Alerts.AlertStreams.Provider)
                .UseInMemoryReminderService()
                .AddOrleansEvalGrains(options =>
                {
                    options.PersistInterval = TimeSpan.FromMinutes(10);
                    options.RowsPerDay = Cap;
                });
    }
}
