using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using Orleans.Storage;
using OrleansEval.Grains.Ingest;
using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.Tests.Ingest;
using Xunit.Abstractions;

namespace OrleansEval.Grains.Tests.Persistence;

/// <summary>
/// Log segments are stored compressed, and read back entry for entry; segments stored before compression, or with it
/// off, read back as they always did. Encoding and decoding one segment is timed in the output, not asserted.
/// </summary>
public sealed class CompressingStateSerializerTests(ITestOutputHelper output)
{
    private static readonly OrleansGrainStorageSerializer Plain = new(LoggedBatch.Serializer);

    // A segment is compressed at Brotli's quality 0: this batch's random values to about 62 % of its bytes when its
    // records share a bucket (63.9 kB of 103.0 kB, the numbers already written as decimal integers; eight bytes a
    // number, 98.9 kB of 204.8 kB; with the join registrations written field by field too, 42 % of 250 kB); the load
    // generator's stored segments go to about 45 % (36 % with eight bytes a number).
    [Theory]
    [InlineData(3.6, 0.66)]
    [InlineData(3_600, 0.4)]
    public void Segment_OfAThousandRecords_IsStoredCompressedAndReadsBackTheSameEntries(double secondsApart, double atMost)
    {
        var segment = LoggedBatch.Segment(LoggedBatch.Entry(1_000, TimeSpan.FromSeconds(secondsApart)));
        var plain = Plain.Serialize(segment).ToArray();
        var compressing = new CompressingStateSerializer(Plain, SegmentCompression.Fastest);

        var stored = compressing.Serialize(segment).ToArray();
        var read = compressing.Deserialize<IngestLogSegment>(new BinaryData(stored))!;

        // The header: marker, codec, serialized length (32-bit little-endian), then the Brotli stream.
        Assert.Equal([CompressingStateSerializer.Marker, CompressingStateSerializer.Brotli], stored[..2]);
        Assert.Equal(plain.Length, BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(2)));
        Assert.Equal(plain, CompressingStateSerializer.Decompress(stored));
        Assert.True(stored.Length <= plain.Length * atMost, $"a segment of {plain.Length:N0} bytes was stored as {stored.Length:N0}");
        Assert.Equal(plain, Plain.Serialize(read).ToArray());
        output.WriteLine($"{secondsApart} s apart: {plain.Length:N0} bytes serialized, {stored.Length:N0} stored ({stored.Length / (double)plain.Length:P0}); {Time(() => compressing.Serialize(segment))}"
            + $" to encode, {Time(() => compressing.Deserialize<IngestLogSegment>(new BinaryData(stored)))} to decode; serialized alone {Time(() => Plain.Serialize(segment))} and {Time(() => Plain.Deserialize<IngestLogSegment>(new BinaryData(plain)))}");
    }

    [Fact]
    public void Segment_IsCompressedAtQualityZero_AndTheRecordsKeptForDaysAtQualityOne()
    {
        var segment = LoggedBatch.Segment(LoggedBatch.Entry(1_000, TimeSpan.FromSeconds(3.6)));
        var plain = Plain.Serialize(segment).ToArray();

        var stored = new CompressingStateSerializer(Plain, SegmentCompression.Fastest).Serialize(segment).ToArray();

        Assert.Equal(Header(plain.Length).Concat(OneCall(plain, quality: 0)), stored);
        Assert.Equal(0, CompressingStateSerializer.QualityOf(segment));
        Assert.Equal(1, CompressingStateSerializer.QualityOf(new IngestKeyPage()));
        Assert.Equal(1, CompressingStateSerializer.QualityOf(new OrleansEval.Grains.Actuals.JoinSegment()));
    }

    // The release before this one compressed every record at quality 1, fed to the encoder in the pooled 4 kB parts
    // Orleans' serializer writes into; such records stay in storage (join segments for the join window) and must read.
    [Fact]
    public async Task Segment_StoredAsTheReleaseBeforeCompressedIt_ReadsBackTheSameEntries()
    {
        var segment = LoggedBatch.Segment(LoggedBatch.Entry(1_000, TimeSpan.FromSeconds(3.6)));
        var plain = Plain.Serialize(segment).ToArray();
        var before = Header(plain.Length).Concat(InParts(plain, quality: 1, part: 4_096)).ToArray();
        var serializer = new CompressingStateSerializer(Plain, SegmentCompression.Fastest);

        Assert.NotEqual(serializer.Serialize(segment).ToArray(), before);
        Assert.Equal(plain, Plain.Serialize(serializer.Deserialize<IngestLogSegment>(new BinaryData(before))).ToArray());
        Assert.Equal(plain, Plain.Serialize(await serializer.DeserializeAsync<IngestLogSegment>(new MemoryStream(before))).ToArray());
    }

    [Fact]
    public void Segment_OfTheFirstLayout_StoredUncompressed_ReadsBackWithItsDeltas()
    {
        Assert.NotEqual(CompressingStateSerializer.Marker, FirstLayoutSegment.Bytes[0]);

        var read = new CompressingStateSerializer(Plain, SegmentCompression.Fastest).Deserialize<IngestLogSegment>(new BinaryData(FirstLayoutSegment.Bytes))!;

        var plan = Assert.Single(read.Entries).Entry.Plan;
        Assert.NotEmpty(plan.Deltas);
        var before = Plain.Deserialize<IngestLogSegment>(new BinaryData(FirstLayoutSegment.Bytes))!;
        Assert.Equal(Plain.Serialize(before).ToArray(), Plain.Serialize(read).ToArray());
    }

    [Fact]
    public void Segment_WithCompressionOff_IsStoredAsSerializedAndACompressedOneStillReads()
    {
        var segment = LoggedBatch.Segment(LoggedBatch.Entry(200, TimeSpan.FromSeconds(3.6)));
        var off = new CompressingStateSerializer(Plain, SegmentCompression.None);
        var compressed = new CompressingStateSerializer(Plain, SegmentCompression.Fastest).Serialize(segment);

        Assert.Equal(Plain.Serialize(segment).ToArray(), off.Serialize(segment).ToArray());
        Assert.Equal(Plain.Serialize(segment).ToArray(), Plain.Serialize(off.Deserialize<IngestLogSegment>(compressed)).ToArray());
    }

    [Fact]
    public void State_OtherThanASegment_IsStoredAsSerialized()
    {
        var head = new IngestLogState { FirstSegment = 3, NextSequence = 40, KeyPages = [.. Enumerable.Range(0, 500).Select(n => (long)n)] };

        var stored = new CompressingStateSerializer(Plain, SegmentCompression.Fastest).Serialize(head).ToArray();

        Assert.True(stored.Length > 1_024);
        Assert.Equal(Plain.Serialize(head).ToArray(), stored);
    }

    [Fact]
    public void Record_CompressedThenCut_IsRefusedAsCorrupt()
    {
        var stored = new CompressingStateSerializer(Plain, SegmentCompression.Fastest)
            .Serialize(LoggedBatch.Segment(LoggedBatch.Entry(200, TimeSpan.FromSeconds(3.6)))).ToArray();

        var error = Assert.Throws<InvalidDataException>(() =>
            new CompressingStateSerializer(Plain, SegmentCompression.Fastest).Deserialize<IngestLogSegment>(new BinaryData(stored[..^100])));

        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Header(int serializedLength)
    {
        var header = new byte[6];
        header[0] = CompressingStateSerializer.Marker;
        header[1] = CompressingStateSerializer.Brotli;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(2), serializedLength);
        return header;
    }

    private static byte[] OneCall(byte[] plain, int quality)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(plain.Length)];
        Assert.True(BrotliEncoder.TryCompress(plain, buffer, out var written, quality, 22));
        return buffer[..written];
    }

    private static byte[] InParts(byte[] plain, int quality, int part)
    {
        using var encoder = new BrotliEncoder(quality, 22);
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(plain.Length) + 1_024];
        var written = 0;
        for (var at = 0; at < plain.Length; at += part)
        {
            Assert.Equal(OperationStatus.Done, encoder.Compress(plain.AsSpan(at, Math.Min(part, plain.Length - at)), buffer.AsSpan(written), out _, out var produced, isFinalBlock: false));
            written += produced;
        }

        Assert.Equal(OperationStatus.Done, encoder.Compress([], buffer.AsSpan(written), out _, out var last, isFinalBlock: true));
        return buffer[..(written + last)];
    }

    // The median of five runs, after one to warm up.
    private static string Time(Action action)
    {
        action();
        var runs = Enumerable.Range(0, 5).Select(_ =>
        {
            var started = Stopwatch.GetTimestamp();
            action();
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }).Order().ToList();
        return $"{runs[2]:F1} ms";
    }
}
