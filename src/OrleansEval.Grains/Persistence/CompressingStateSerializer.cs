using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OrleansEval.Grains.Actuals;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Ingest;

namespace OrleansEval.Grains.Persistence;

/// <summary>
/// The grain storage serializer of the evaluation store: Orleans' binary serializer, with the records written in
/// proportion to the data ingested (<see cref="IngestLogSegment"/>, <see cref="IngestKeyPage"/>,
/// <see cref="JoinSegment"/>, and <see cref="JoinState"/>, which held a shard's outbox before it moved into the chunks of <see cref="JoinOutboxRecord"/>) compressed with Brotli at its fastest levels when <see cref="SegmentCompression.Fastest"/>
/// is set. A compressed record starts with <see cref="Marker"/>, a byte Orleans' serializer never starts a record
/// with, then a codec byte and the serialized length; any record without it is read as serialized, so records
/// written before compression, or with it off, read back as they always did, and so does a compressed record with it off.
/// Blob storage takes the streaming path (<c>CompressingStateSerializer.Streaming.cs</c>), which holds a record only in
/// pooled buffers; the <see cref="BinaryData"/> path is the memory storage's.
/// </summary>
public sealed partial class CompressingStateSerializer(IGrainStorageSerializer inner, SegmentCompression compression)
    : IGrainStorageSerializer, IGrainStorageStreamingSerializer
{
    /// <summary>
    /// First byte of a compressed record. Orleans' serializer starts a record with a field header, whose top three bits
    /// 111 (an extended wire type) are followed only by 00 or 01 (end of an object, end of base fields); 0xF5 is 111 10
    /// 101, which it never writes.
    /// </summary>
    public const byte Marker = 0xF5;

    /// <summary>Codec byte of Brotli.</summary>
    public const byte Brotli = 1;

    // Marker, codec, serialized length (32-bit little-endian).
    internal const int HeaderBytes = 6;

    // Below this a record is small enough that compressing it saves Azurite next to nothing.
    private const int SmallestCompressed = 1_024;

    // A 4 MiB window: a segment of 1,000 records is about 250-300 kB, compressed in one call. A log segment is kept
    // only until the log is trimmed, seconds later, so it is compressed at Brotli's quality 0, twice as fast as 1 for
    // a fifth more bytes (Azurite's time follows its requests, not their bytes); the join's segments and the key pages
    // are kept for days, at quality 1.
    private const int SegmentQuality = 0;
    private const int KeptQuality = 1;
    private const int Window = 22;

    // The largest serialized record read back: a bad length must not allocate without bound.
    private const int LargestRecord = 1 << 30;

    /// <summary>The serializer the silo's state storage uses: Orleans' binary serializer, compressing as <see cref="OrleansEvalOptions.SegmentCompression"/> says.</summary>
    public static CompressingStateSerializer Create(IServiceProvider services) => new(
        new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>()),
        services.GetRequiredService<IOptions<OrleansEvalOptions>>().Value.SegmentCompression);

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input)
    {
        var serialized = inner.Serialize(input);
        if (!Compresses(input))
        {
            return serialized;
        }

        return Compress(serialized.ToMemory().Span, QualityOf(input)) is { } compressed ? new BinaryData(compressed) : serialized;
    }

    /// <inheritdoc />
    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var bytes = input.ToMemory();
        return bytes.Length > 0 && bytes.Span[0] == Marker ? DeserializeCompressed<T>(bytes.Span) : inner.Deserialize<T>(input);
    }

    /// <summary>
    /// The compressed record of <paramref name="serialized"/> at Brotli's <paramref name="quality"/>; null when it is
    /// too small to gain, or would not shrink.
    /// </summary>
    public static byte[]? Compress(ReadOnlySpan<byte> serialized, int quality)
    {
        if (serialized.Length < SmallestCompressed)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(HeaderBytes + BrotliEncoder.GetMaxCompressedLength(serialized.Length));
        try
        {
            var written = CompressInto(serialized, buffer, quality);
            return written < 0 ? null : buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The Brotli quality a record is compressed at: 0 for a log segment, kept only until trimmed; 1 for the rest.</summary>
    public static int QualityOf<T>(T? input) => input is IngestLogSegment ? SegmentQuality : KeptQuality;

    /// <summary>The serialized record a compressed one holds; throws <see cref="InvalidDataException"/> when it cannot be read.</summary>
    public static byte[] Decompress(ReadOnlySpan<byte> record)
    {
        var serialized = new byte[SerializedLength(record)];
        DecompressInto(record[HeaderBytes..], serialized);
        return serialized;
    }

    private bool Compresses<T>(T? input) =>
        compression != SegmentCompression.None && input is IngestLogSegment or IngestKeyPage or JoinSegment or JoinState or JoinOutboxRecord;

    // The record is decompressed into a pooled buffer: the serializer copies what it keeps, so the buffer goes back after.
    private T? DeserializeCompressed<T>(ReadOnlySpan<byte> record)
    {
        var length = SerializedLength(record);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            DecompressInto(record[HeaderBytes..], buffer.AsSpan(0, length));
            return inner.Deserialize<T>(new BinaryData(buffer.AsMemory(0, length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The serialized length a compressed record's header declares, checked.
    private static int SerializedLength(ReadOnlySpan<byte> record)
    {
        if (record.Length < HeaderBytes || record[0] != Marker || record[1] != Brotli)
        {
            throw new InvalidDataException($"a compressed state record has an unknown header ({Convert.ToHexString(record[..Math.Min(2, record.Length)])})");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(record[2..]);
        if (length is < 0 or > LargestRecord)
        {
            throw new InvalidDataException($"a compressed state record declares {length} serialized bytes");
        }

        return length;
    }

    private static void DecompressInto(ReadOnlySpan<byte> compressed, Span<byte> serialized)
    {
        if (!BrotliDecoder.TryDecompress(compressed, serialized, out var written) || written != serialized.Length)
        {
            throw Corrupt(written, serialized.Length);
        }
    }

    private static InvalidDataException Corrupt(int read, int length) =>
        new($"a compressed state record is corrupt: {read} of its {length} serialized bytes read back");

    // The compressed record, header first, in buffer (at least the header and Brotli's bound long): its length, or -1
    // when it would not shrink. One call over the whole record: fed in 4 kB parts, Brotli's fastest levels compress each
    // part on its own, half again slower and with a tenth more bytes.
    private static int CompressInto(ReadOnlySpan<byte> serialized, byte[] buffer, int quality)
    {
        if (!BrotliEncoder.TryCompress(serialized, buffer.AsSpan(HeaderBytes), out var written, quality, Window)
            || HeaderBytes + written >= serialized.Length)
        {
            return -1;
        }

        WriteHeader(buffer, serialized.Length);
        return HeaderBytes + written;
    }

    private static void WriteHeader(Span<byte> record, int serializedLength)
    {
        record[0] = Marker;
        record[1] = Brotli;
        BinaryPrimitives.WriteInt32LittleEndian(record[2..], serializedLength);
    }
}
