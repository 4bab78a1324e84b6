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
    private static readonly SlowRowBlobStore Store = new();
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

    [Fact]
    public async Task Flush_OfAPartPerDayForSixtyDays_SendsPartsSeveralAtATimeAndSendsAFailedFlushAgainUnderTheSameNumbers()
    {
        var modelId = $"history-{Guid.NewGuid():N}"[..20];
        await DefineAsync(modelId);
        var first = new DateTimeOffset(Clock.GetUtcNow().Date.AddDays(-90), TimeSpan.Zero);
        await IngestAsync(modelId, Enumerable.Range(0, 60).Select(i => (i, first.AddDays(i))));
        var prefix = $"{modelId}/{SeriesId.DefaultVersion}/{SeriesId.DefaultEnvironment}/";

        // The flush the read asks for fails at its tenth part: the read fails, nothing is acknowledged as stored.
        Store.Slow(prefix, failAt: 10);
        await Assert.ThrowsAnyAsync<Exception>(() => ReadAsync(modelId, first, first.AddDays(60)));
        Assert.InRange(Store.MostInFlight, 2, RowGrain.PartWritesInFlight);

        // The next flush sends every day again under the numbers the failed one took: one part per day, each row once.
        var (ids, _) = await ReadAsync(modelId, first, first.AddDays(60));
        Assert.Equal(Enumerable.Range(0, 60).Reverse().Select(i => $"r{i}"), ids);
        var names = await ListAsync(prefix);
        Assert.Equal(60, names.Count);
        Assert.All(names, n => Assert.EndsWith("rows-0000000000.parquet", n, StringComparison.Ordinal));
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

    /// <summary>The memory store, whose puts under one prefix can be made to yield before they end and one of them to fail once.</summary>
    private sealed class SlowRowBlobStore : IRowBlobStore
    {
        private readonly MemoryRowBlobStore _inner = new();
        private readonly Lock _gate = new();
        private string? _prefix;
        private int _failAt;
        private int _puts;
        private int _inFlight;

        public int MostInFlight { get; private set; }

        public void Slow(string prefix, int failAt)
        {
            lock (_gate)
            {
                (_prefix, _failAt, _puts, MostInFlight) = (prefix, failAt, 0, 0);
            }
        }

        public Task PutAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
            PutAsync(name, content, null, cancellationToken);

        public Task PutAsync(string name, ReadOnlyMemory<byte> content, RowPartTimes times, CancellationToken cancellationToken) =>
            PutAsync(name, content, (RowPartTimes?)times, cancellationToken);

        public IAsyncEnumerable<(string Name, RowPartTimes? Times)> ListWithTimesAsync(string prefix, CancellationToken cancellationToken) =>
            _inner.ListWithTimesAsync(prefix, cancellationToken);

        public Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken) => _inner.GetAsync(name, cancellationToken);

        public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => _inner.ListAsync(prefix, cancellationToken);

        public Task DeleteAsync(string name, CancellationToken cancellationToken) => _inner.DeleteAsync(name, cancellationToken);

        private async Task PutAsync(string name, ReadOnlyMemory<byte> content, RowPartTimes? times, CancellationToken cancellationToken)
        {
            bool fail;
            lock (_gate)
            {
                if (_prefix is null || !name.StartsWith(_prefix, StringComparison.Ordinal))
                {
                    fail = false;
                }
                else
                {
                    fail = ++_puts == _failAt;
                    MostInFlight = Math.Max(MostInFlight, ++_inFlight);
                }
            }

            if (_prefix is not null && name.StartsWith(_prefix, StringComparison.Ordinal))
            {
                // Back to the caller's scheduler: the flush starts its next parts before this one ends.
                await Task.Yield();
                lock (_gate)
                {
                    _inFlight--;
                }
            }

            if (fail)
            {
                throw new IOException($"the store refused {name}");
            }

            await (times is { } span ? _inner.PutAsync(name, content, span, cancellationToken) : _inner.PutAsync(name, content, cancellationToken));
        }
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
