using System.Buffers;
using System.IO.Compression;
using System.Diagnostics.CodeAnalysis;
using Orleans.Serialization.Buffers.Adaptors;
using Orleans.Storage;
using OrleansEval.Grains.Ingest;
using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.Tests.Ingest;
using Xunit.Abstractions;

namespace OrleansEval.Grains.Tests.Persistence;

/// <summary>
/// The bytes the silo allocates to store one log segment of a thousand records of 20 features, taken the way Orleans'
/// blob storage takes a record: through the serializer's streaming path into a pooled upload stream when the serializer
/// has one, else as one <see cref="BinaryData"/>. Counted on the test's own thread, after a warm-up, so the figure is
/// exact and the same run to run. Before the streaming path, a segment cost nearly four times its serialized size in
/// fresh arrays, three of them on the Large Object Heap (the serializer's buffer as it doubled past 85 kB, and the
/// compressed record).
/// </summary>
public sealed class SegmentWriteAllocationTests(ITestOutputHelper output)
{
    // Measured at 433,217 bytes for a segment of 250,201 serialized bytes (935,848 before the streaming path). What is
    // left is Orleans' own codec of ImmutableArray, which copies each array (8 kB for a column of a thousand numbers)
    // into a plain one before writing it: small objects, none on the Large Object Heap. A tenth of room for the runtime.
    private const long MostBytesPerSegment = 480_000;

    private static readonly OrleansGrainStorageSerializer Plain = new(LoggedBatch.Serializer);

    [Fact]
    public async Task Write_OfASegmentOfAThousandRecords_AllocatesNoBufferOfItsSize()
    {
        var segment = LoggedBatch.Segment(LoggedBatch.Entry(1_000, TimeSpan.FromSeconds(3.6)));
        var serializer = new CompressingStateSerializer(Plain, SegmentCompression.Fastest);

        var perSegment = await AllocatedAsync(() => StoreAsync(serializer, segment));

        var binary = await AllocatedAsync(() => Task.FromResult(serializer.Serialize(segment)));
        output.WriteLine($"a segment of {Plain.Serialize(segment).ToMemory().Length:N0} serialized bytes: {perSegment:N0} bytes allocated to store it; {binary:N0} through BinaryData");
        Assert.True(perSegment <= MostBytesPerSegment, $"storing a segment allocated {perSegment:N0} bytes, more than {MostBytesPerSegment:N0}");
    }

    [Fact]
    public async Task Write_ThroughTheStreamingPath_ReadsBackTheSameBytesAsTheBinaryPath()
    {
        var segment = LoggedBatch.Segment(LoggedBatch.Entry(1_000, TimeSpan.FromSeconds(3.6)));
        var serializer = new CompressingStateSerializer(Plain, SegmentCompression.Fastest);

        var streamed = await StreamedAsync(serializer, segment);
        var read = await serializer.DeserializeAsync<IngestLogSegment>(new MemoryStream(streamed));

        // The streaming path compresses the whole record in one call, as the BinaryData path does: the same bytes.
        Assert.Equal(serializer.Serialize(segment).ToArray(), streamed);
        Assert.Equal(Plain.Serialize(segment).ToArray(), CompressingStateSerializer.Decompress(streamed));
        Assert.Equal(Plain.Serialize(segment).ToArray(), Plain.Serialize(read).ToArray());
        Assert.Equal(Plain.Serialize(segment).ToArray(), Plain.Serialize(serializer.Deserialize<IngestLogSegment>(new BinaryData(streamed))).ToArray());
    }

    // A record read in parts whose last part holds only the stream's closing bits: the decoder has filled the record
    // from the parts before, and such a record was refused as corrupt ("324866 of its 324866 serialized bytes read
    // back"), so the join segment it held, and the batch that needed it, could not be read under load. The stream here
    // is flushed before it is closed, which puts its closing bits in bytes of their own; every cut of its last 64 bytes,
    // and one every 499 bytes before them, must read back, and a stream longer than its header says is refused.
    [Fact]
    public void Read_OfARecordInTwoParts_WhereverItIsCut_ReadsBackWhole()
    {
        var plain = Plain.Serialize(LoggedBatch.Segment(LoggedBatch.Entry(1_000, TimeSpan.FromSeconds(3.6)))).ToArray();
        var compressed = FlushedThenClosed(plain);
        var cuts = Enumerable.Range(compressed.Length - 64, 64)
            .Concat(Enumerable.Range(1, (compressed.Length - 64) / 499).Select(n => n * 499));

        var refused = new List<string>();
        var read = new byte[plain.Length];
        foreach (var cut in cuts)
        {
            Array.Clear(read);
            try
            {
                CompressingStateSerializer.DecompressInto(InTwoParts(compressed, cut), read);
                Assert.Equal(plain, read);
            }
            catch (InvalidDataException e)
            {
                refused.Add($"cut at {cut} of {compressed.Length}: {e.Message}");
            }
        }

        Assert.True(refused.Count == 0, string.Join("; ", refused.Take(5)) + $" ({refused.Count} cuts refused)");
        Assert.Throws<InvalidDataException>(() => CompressingStateSerializer.DecompressInto(InTwoParts(compressed, compressed.Length - 8), new byte[plain.Length - 1]));
    }

    private static byte[] FlushedThenClosed(byte[] plain)
    {
        using var encoder = new BrotliEncoder(1, 22);
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(plain.Length) + 64];
        Assert.Equal(OperationStatus.Done, encoder.Compress(plain, buffer, out _, out var written, isFinalBlock: false));
        Assert.Equal(OperationStatus.Done, encoder.Flush(buffer.AsSpan(written), out var flushed));
        Assert.Equal(OperationStatus.Done, encoder.Compress([], buffer.AsSpan(written + flushed), out _, out var closed, isFinalBlock: true));
        return buffer[..(written + flushed + closed)];
    }

    private static ReadOnlySequence<byte> InTwoParts(byte[] bytes, int cut)
    {
        var first = new Part(bytes.AsMemory(0, cut), 0);
        var second = new Part(bytes.AsMemory(cut), cut);
        first.SetNext(second);
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Part : ReadOnlySequenceSegment<byte>
    {
        public Part(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void SetNext(Part next) => Next = next;
    }

    [Fact]
    public async Task Read_OfARecordStoredByTheBinaryPath_ReadsBackTheSameEntries()
    {
        var segment = LoggedBatch.Segment(LoggedBatch.Entry(1_000, TimeSpan.FromSeconds(3.6)));
        var serializer = new CompressingStateSerializer(Plain, SegmentCompression.Fastest);
        var stored = serializer.Serialize(segment).ToArray();

        // Copied into pooled parts of 4 kB, so the record is decompressed part by part.
        var read = await serializer.DeserializeAsync<IngestLogSegment>(new MemoryStream(stored));

        Assert.Equal(Plain.Serialize(segment).ToArray(), Plain.Serialize(read).ToArray());
    }

    [Fact]
    public async Task Read_OfACompressedRecordCut_IsRefusedAsCorrupt()
    {
        var serializer = new CompressingStateSerializer(Plain, SegmentCompression.Fastest);
        var stored = await StreamedAsync(serializer, LoggedBatch.Segment(LoggedBatch.Entry(1_000, TimeSpan.FromSeconds(3.6))));

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await serializer.DeserializeAsync<IngestLogSegment>(new MemoryStream(stored[..^100])));

        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_OfAStateThatIsNotCompressed_StreamsItsSerializedBytes()
    {
        var head = new IngestLogState { FirstSegment = 3, NextSequence = 40, KeyPages = [.. Enumerable.Range(0, 500).Select(n => (long)n)] };
        var serializer = new CompressingStateSerializer(Plain, SegmentCompression.Fastest);

        var streamed = await StreamedAsync(serializer, head);

        Assert.Equal(Plain.Serialize(head).ToArray(), streamed);
        Assert.Equal(Plain.Serialize(head).ToArray(), Plain.Serialize(await serializer.DeserializeAsync<IngestLogState>(new MemoryStream(streamed))).ToArray());
    }

    // Bytes allocated on this thread by one call, the mean of ten after one to warm up; every call completes at once.
    private static async Task<long> AllocatedAsync(Func<Task> call)
    {
        const int Calls = 10;
        await call();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            await call();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
    }

    // What Orleans' blob storage does with a record before its upload; the upload itself is the SDK's.
    [SuppressMessage("Performance", "CA1859:Use concrete types when possible for improved performance", Justification = "The storage's own dispatch, on the interface it is given.")]
    private static async Task StoreAsync<T>(IGrainStorageSerializer serializer, T state)
    {
        if (serializer is IGrainStorageStreamingSerializer streaming)
        {
            var upload = PooledBufferStream.Rent();
            try
            {
                await streaming.SerializeAsync(state, upload);
            }
            finally
            {
                PooledBufferStream.Return(upload);
            }
        }
        else
        {
            GC.KeepAlive(serializer.Serialize(state));
        }
    }

    private static async Task<byte[]> StreamedAsync<T>(CompressingStateSerializer serializer, T state)
    {
        using var stream = new MemoryStream();
        await serializer.SerializeAsync(state, stream);
        return stream.ToArray();
    }
}
