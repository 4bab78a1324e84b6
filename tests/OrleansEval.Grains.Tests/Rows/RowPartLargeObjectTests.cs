using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using OrleansEval.Grains.Rows;
using OrleansEval.Grains.Tests.Actuals;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Rows;
using Parquet;

namespace OrleansEval.Grains.Tests.Rows;

/// <summary>
/// A row grain's part of a busy series — 30,000 rows of 20 features, what one series gathers in a persist interval at
/// full load — is gathered and encoded without a large object once the pooled buffers are warm (before, its pending
/// list, its column arrays, the Parquet pages of one row group and the part's bytes were each large objects dropped at
/// once), and sent as a stream of its blocks, never as one contiguous buffer (a pool of those, up to 128 MiB of buffers
/// of 1-32 MiB, was the large object heap's largest owner that grew with the run); a part written in several row groups
/// reads back with every row, newest first, as one group did; and the pending rows hold no reference to the batches
/// they came from.
/// </summary>
[Collection(JoinIndexLargeObjectCollection.Name)]
public sealed class RowPartLargeObjectTests
{
    private const int Features = 20;
    private const string Prefix = "m/v1/production/";
    private static readonly DateTimeOffset Start = new(2032, 5, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Write_OfAPartOfThirtyThousandRows_AllocatesNoLargeObject_OnceItsPoolsAreWarm()
    {
        var batches = Batches(30, 1_000, new Random(30));
        var warm = await EncodeAsync(batches);
        using var listener = new LargeAllocations();

        var bytes = 0L;
        var large = listener.During(async () => bytes = await EncodeAsync(batches));

        Assert.True(large.Count == 0, "large objects allocated: " + string.Join(", ", large));
        Assert.Equal(warm, bytes);
        Assert.True(bytes > 1_000_000, $"{bytes} bytes");
        Assert.Equal(0, RowPartBuffers.ContiguousBytes);
        Assert.InRange(RowPartBuffers.FreeBlockBytes, 0, RowPartBuffers.MaximumFreeBytes + (64 * 1024));

        // A group's widest fixed-size column (eight bytes a row) is below the threshold by construction too, so a larger
        // group fails here even where the runtime's sampled allocation event would miss one array of it.
        Assert.True((RowPartWriter.RowGroupRows * sizeof(long)) + 24 < 85_000, $"{RowPartWriter.RowGroupRows} rows a group");
    }

    [Fact]
    public async Task Send_ToAStoreOfBytes_StoresThePartAsWritten_WithItsSpan()
    {
        var batches = Batches(5, 1_000, new Random(5));
        var pending = new PendingRows();
        Keep(pending, batches, slots: 997);
        IRowBlobStore store = new MemoryRowBlobStore();

        await RowPartWriter.SendAsync(store, "m/part-0", pending, CancellationToken.None);

        var stored = await store.GetAsync("m/part-0", CancellationToken.None);
        Assert.Equal(await RowPartWriter.ToBytesAsync(pending, CancellationToken.None), stored);
        var listed = await store.ListWithTimesAsync("m/", CancellationToken.None).SingleAsync();
        Assert.Equal(new RowPartTimes(pending.Newest, pending.Oldest), listed.Times);
        await AssertReadsBackNewestFirstAsync(batches, stored!, groups: 3);
    }

    [Fact]
    public async Task Write_InSeveralRowGroups_ReadsBackEveryRowNewestFirst()
    {
        var batches = Batches(5, 1_000, new Random(5));
        var pending = new PendingRows();
        Keep(pending, batches, slots: 997);

        var content = await RowPartWriter.ToBytesAsync(pending, CancellationToken.None);

        await AssertReadsBackNewestFirstAsync(batches, content, groups: 3);
    }

    [Fact]
    public async Task Add_KeepsNoReferenceToTheBatch_AndItsRowsReadBackAsSent()
    {
        using var pending = new PendingRows();
        var sent = AddBatchesAndForgetThem(pending);

        // The batches (the grain calls' objects) are garbage once their rows are taken: held until the next persist, they
        // reached gen 2 and died there.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.All(sent, batch => Assert.False(batch.IsAlive, "a batch is still referenced"));

        var content = await RowPartWriter.ToBytesAsync(pending, CancellationToken.None);
        await AssertReadsBackNewestFirstAsync(Batches(3, 1_000, new Random(3)), content, groups: 2);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> AddBatchesAndForgetThem(PendingRows pending)
    {
        var batches = Batches(3, 1_000, new Random(3));
        Keep(pending, batches, slots: 997);

        return [.. batches.SelectMany(b => new[] { new WeakReference(b), new WeakReference(b.Batch), new WeakReference(b.Batch.Rows) })];
    }

    // Keeps every row of the batches, numbered in order, in slots of that number modulo slots.
    internal static void Keep(PendingRows pending, List<AppliedRows> batches, long slots)
    {
        var number = 0L;
        foreach (var batch in batches)
        {
            var columns = pending.Of(batch);
            for (var i = 0; i < batch.Batch.Rows.Length; i++, number++)
            {
                pending.Add(columns, i, number, number % slots);
            }
        }
    }

    // What a stable sort of all the rows gives: newest first, then prediction id, then the order they were kept.
    private static async Task AssertReadsBackNewestFirstAsync(List<AppliedRows> batches, byte[] content, int groups)
    {
        var expected = batches.SelectMany(b => Enumerable.Range(0, b.Batch.Rows.Length).Select(i => (Batch: b, Index: i)))
            .Select((r, kept) => (r.Batch, r.Index, Row: (long)kept))
            .OrderByDescending(r => r.Batch.Timestamps[r.Index])
            .ThenBy(r => r.Batch.Batch.Rows.PredictionIds[r.Index], StringComparer.Ordinal)
            .ToList();
        var part = await RowPart.ReadAsync(content, CancellationToken.None);
        Assert.Equal(expected.Count, part.Count);
        Assert.Equal(expected.Select(r => r.Batch.Batch.Rows.PredictionIds[r.Index]), part.PredictionIds);
        Assert.Equal(expected.Select(r => r.Row), part.Rows);
        Assert.Equal(expected.Select(r => r.Row % 997), part.Slots);
        Assert.Equal(expected.Select(r => r.Batch.Timestamps[r.Index]), part.Timestamps);
        Assert.Equal(expected.Select(r => r.Batch.Number("x7", r.Index)), part.Numbers(RowSchema.Feature("x7"))!);
        Assert.Equal(expected.Select(r => r.Batch.Category("city", r.Index)), part.Texts(RowSchema.Feature("city"))!);
        Assert.Equal(expected.Select(r => r.Batch.Category(ColumnNames.ActualLabel, r.Index)), part.Texts(RowSchema.ActualLabel)!);
        Assert.Equal((part.Timestamps.Max(), part.Timestamps.Min()), await RowPart.SpanAsync(content, CancellationToken.None));
        var (rows, slots) = await RowPart.ReadSlotsAsync(content, CancellationToken.None);
        Assert.Equal(part.Rows, rows);
        Assert.Equal(part.Slots, slots);

        using var stream = new MemoryStream(content);
        await using var reader = await ParquetReader.CreateAsync(stream);
        Assert.Equal(groups, reader.RowGroupCount);
    }

    // Encodes and sends the rows of the batches as the row grain does, into its pooled buffers and to a store that reads
    // the stream a block at a time, as blob storage does; answers the part's length.
    private static async Task<long> EncodeAsync(List<AppliedRows> batches)
    {
        using var pending = new PendingRows();
        Keep(pending, batches, slots: long.MaxValue);

        var store = new StreamReadingStore();
        await RowPartWriter.SendAsync(store, "m/part-0", pending, CancellationToken.None);
        return store.Bytes;
    }

    // Reads a part's stream through one buffer below the large-object threshold and keeps its length only.
    private sealed class StreamReadingStore : IRowBlobStore
    {
        private readonly byte[] _buffer = new byte[64 * 1024];

        public long Bytes { get; private set; }

        public async Task PutAsync(string name, Stream content, RowPartTimes times, CancellationToken cancellationToken)
        {
            int read;
            while ((read = await content.ReadAsync(_buffer, cancellationToken)) > 0)
            {
                Bytes += read;
            }
        }

        public Task PutAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a part is sent as a stream");

        public Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken) => Task.FromResult<byte[]?>(null);

        public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken) => AsyncEnumerable.Empty<string>();

        public Task DeleteAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    // Batches of the load generator's shape: 20 numeric features, a city, a score, a label and an actual for half the
    // records; event times spread over 5 seconds out of order, some equal, so that chunks interleave and ties occur.
    internal static List<AppliedRows> Batches(int count, int rows, Random random)
    {
        string[] cities = ["Lyon", "Oslo", "Lima", "Pune"];
        var batches = new List<AppliedRows>();
        for (var b = 0; b < count; b++)
        {
            var ids = ImmutableArray.CreateRange(Enumerable.Range(0, rows).Select(i => $"{b:x4}-{random.Next():x8}-{i}"));
            var times = ImmutableArray.CreateRange(Enumerable.Range(0, rows).Select(_ => Start.AddMilliseconds(random.Next(0, 5_000))));
            var starts = ImmutableArray.CreateRange(Enumerable.Range(0, rows).Select(_ => 0L));
            var chunks = Enumerable.Range(0, Features)
                .Select(f => new KeyedChunk(Prefix + $"x{f}", new ColumnChunk("b", starts, [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.05 ? double.NaN : random.NextDouble())], [], [])))
                .Append(new KeyedChunk(Prefix + "city", new ColumnChunk("b", starts, [], [.. Enumerable.Range(0, rows).Select(_ => cities[random.Next(cities.Length)])], [])))
                .Append(new KeyedChunk(Prefix + ColumnNames.PredictionScore, new ColumnChunk("b", starts, [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble())], [], [])))
                .Append(new KeyedChunk(Prefix + ColumnNames.PredictionLabel, new ColumnChunk("b", starts, [], [.. Enumerable.Range(0, rows).Select(_ => random.Next(2).ToString(System.Globalization.CultureInfo.InvariantCulture))], [])))
                .Append(new KeyedChunk(Prefix + ColumnNames.ActualLabel, new ColumnChunk("b", starts, [], [.. Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? "1" : null)], [])));
            var batch = new RowBatch(new LogPosition("m/0", 1, b), 1, Start.AddSeconds(5), new SeriesRows(new SeriesId("v1", "production"), ids, times, []), [.. chunks]);
            batches.Add(new AppliedRows(batch, Start.AddSeconds(5)));
        }

        return batches;
    }
}
