using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using OrleansEval.Grains.Rows;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Tests.Rows;

/// <summary>
/// A day's parts of two series, stored out of time order, are answered as blocks in descending order of their newest
/// row, every row of the window once; a part is opened only when its rows are nearly due, not all at once.
/// </summary>
public sealed class RowDayReaderTests
{
    private const int Parts = 12;
    private const int PartRows = 50;

    private static readonly SeriesId Production = new("v1", "production");
    private static readonly SeriesId Shadow = new("v2", "shadow");
    private static readonly DateOnly Day = new(2024, 5, 2);
    private static readonly DateTimeOffset Midnight = new(2024, 5, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly ModelDefinition Model = new()
    {
        Task = ModelTask.BinaryClassification,
        Features = [new FeatureDefinition("temp", FeatureType.Numeric)],
    };

    [Fact]
    public async Task ReadAsync_OfOverlappingPartsOfTwoSeries_AnswersBlocksNewestFirst_EveryRowOnce_OpeningPartsAsTheyComeDue()
    {
        var store = new CountingStore();
        var days = await WriteDayAsync(store);
        var reader = new RowDayReader(store, new RowQuery("m", null, null, Midnight, Midnight.AddDays(1)), Model, new LateActuals(), rowsPerDay: 1_000_000);
        var newest = new List<DateTimeOffset>();
        var ids = new List<string>();
        var mostOpenedAhead = 0;

        await foreach (var block in reader.ReadAsync(days, CancellationToken.None))
        {
            newest.Add(block.Timestamps[0]);
            ids.AddRange(block.PredictionIds);
            Assert.Equal(block.Timestamps.OrderDescending(), block.Timestamps);

            // Parts fetched a second time were opened; beyond those due by now, at most the one decoded ahead.
            var due = store.Spans.Count(s => s >= block.Timestamps[0]);
            mostOpenedAhead = Math.Max(mostOpenedAhead, store.Opened - due);
        }

        Assert.Equal(newest.OrderDescending(), newest);
        Assert.Equal(2 * Parts * PartRows, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.InRange(mostOpenedAhead, 0, 1);
    }

    [Fact]
    public async Task ReadAsync_OfPartsListedWithTheirSpans_DownloadsEachPartOnce_AndAnswersTheSameRows()
    {
        var footers = new CountingStore();
        var listed = new CountingStore();
        var fromFooters = await ReadIdsAsync(footers, await WriteDayAsync(footers));
        var days = await WriteDayAsync(listed);
        var spans = new Dictionary<string, RowPartTimes>(StringComparer.Ordinal);
        foreach (var name in days.SelectMany(d => d.Parts))
        {
            var content = (await listed.GetAsync(name, CancellationToken.None))!;
            var (newest, oldest) = await RowPart.SpanAsync(content, CancellationToken.None);
            spans[name] = new RowPartTimes(newest, oldest);
        }

        listed.ForgetGets();
        var fromListing = await ReadIdsAsync(listed, [.. days.Select(d => d with { Times = spans })]);

        Assert.Equal(fromFooters, fromListing);
        Assert.Equal(0, listed.Opened);
        Assert.True(footers.Opened > 0);
    }

    private static async Task<List<string>> ReadIdsAsync(CountingStore store, List<RowSeriesDay> days)
    {
        var reader = new RowDayReader(store, new RowQuery("m", null, null, Midnight, Midnight.AddDays(1)), Model, new LateActuals(), rowsPerDay: 1_000_000);
        var ids = new List<string>();
        await foreach (var block in reader.ReadAsync(days, CancellationToken.None))
        {
            ids.AddRange(block.PredictionIds);
        }

        return ids;
    }

    // Each series writes its parts in an order unrelated to time; the two series' parts overlap in time.
    private static async Task<List<RowSeriesDay>> WriteDayAsync(CountingStore store)
    {
        var step = TimeSpan.FromDays(1) / (Parts * PartRows * 4);
        var days = new List<RowSeriesDay>();
        foreach (var (series, offset) in new[] { (Production, 0), (Shadow, PartRows / 2) })
        {
            var key = RowGrainKey.For("m", series);
            var names = new List<string>();
            for (var number = 0; number < Parts; number++)
            {
                var slot = (number * 5) % Parts;
                var times = Enumerable.Range(0, PartRows).Select(i => Midnight.Add(step * ((slot * PartRows * 2) + offset + (i * 3)))).ToArray();
                var name = RowPaths.Part(key, Day, number);
                await store.PutAsync(name, await PartAsync(series, $"{series.Version}-{number}", times), CancellationToken.None);
                store.Spans.Add(times.Max());
                names.Add(name);
            }

            days.Add(new RowSeriesDay(series, names, Sampled: false));
        }

        return days;
    }

    private static Task<byte[]> PartAsync(SeriesId series, string prefix, DateTimeOffset[] times)
    {
        var ids = ImmutableArray.CreateRange(Enumerable.Range(0, times.Length).Select(i => $"{prefix}-{i}"));
        var column = FeatureKey.For("m", series, "temp").ToString();
        var batch = new RowBatch(
            new LogPosition("m/0", 1, 0),
            1,
            Midnight.AddDays(1),
            new SeriesRows(series, ids, times, []),
            [new KeyedChunk(column, new ColumnChunk("b", [.. times.Select(_ => 0L)], [.. times.Select((_, i) => (double)i)], [], []))]);
        var applied = new AppliedRows(batch, Midnight.AddDays(1));
        return RowPartWriter.ToBytesAsync(PendingRowsOf.First(applied, times.Length), CancellationToken.None);
    }

    /// <summary>Parts in memory, counting the parts fetched more than once (opened after their span was read).</summary>
    private sealed class CountingStore : IRowBlobStore
    {
        private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int> _gets = new(StringComparer.Ordinal);

        public List<DateTimeOffset> Spans { get; } = [];

        public int Opened => _gets.Values.Count(g => g > 1);

        public void ForgetGets() => _gets.Clear();

        public Task PutAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        {
            _blobs[name] = content.ToArray();
            return Task.CompletedTask;
        }

        public Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken)
        {
            _gets.AddOrUpdate(name, 1, (_, g) => g + 1);
            return Task.FromResult(_blobs.GetValueOrDefault(name));
        }

        public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            foreach (var name in _blobs.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                yield return name;
            }
        }

        public Task DeleteAsync(string name, CancellationToken cancellationToken)
        {
            _blobs.TryRemove(name, out _);
            return Task.CompletedTask;
        }
    }
}
