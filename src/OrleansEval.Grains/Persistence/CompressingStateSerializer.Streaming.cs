using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Orleans.Serialization.Buffers.Adaptors;
using Orleans.Storage;

namespace OrleansEval.Grains.Persistence;

// The path Orleans' blob storage takes when its serializer can stream: it uploads from a pooled stream, and reads from
// the download's stream. A record is serialized into pooled segments and compressed into a pooled buffer, so a log
// segment of a thousand records costs no array of its size (above 85 kB, an array is a Large Object Heap allocation:
// zeroed when taken, and collected only by a gen-2 collection).
public sealed partial class CompressingStateSerializer
{
    // The part of a download copied at a time: below the Large Object Heap's 85 kB.
    private const int CopyPartBytes = 64 * 1024;

    /// <inheritdoc />
    public async ValueTask SerializeAsync<T>(T? input, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (inner is not IGrainStorageStreamingSerializer streaming)
        {
            await destination.WriteAsync(Serialize(input).ToMemory(), cancellationToken);
            return;
        }

        if (!Compresses(input))
        {
            await streaming.SerializeAsync(input, destination, cancellationToken);
            return;
        }

        var serialized = PooledBufferStream.Rent();
        try
        {
            await streaming.SerializeAsync(input, serialized, cancellationToken);
            await WriteCompressedAsync(serialized, destination, QualityOf(input), cancellationToken);
        }
        finally
        {
            PooledBufferStream.Return(serialized);
        }
    }

    /// <inheritdoc />
    public async ValueTask<T?> DeserializeAsync<T>(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var received = PooledBufferStream.Rent();
        try
        {
            await CopyAsync(input, received, cancellationToken);
            received.Position = 0;
            var record = received.RentReadOnlySequence();
            try
            {
                if (!record.IsEmpty && record.FirstSpan[0] == Marker)
                {
                    return DeserializeCompressed<T>(record);
                }
            }
            finally
            {
                received.ReturnReadOnlySequence(record);
            }

            return inner is IGrainStorageStreamingSerializer streaming
                ? await streaming.DeserializeAsync<T>(received, cancellationToken)
                : inner.Deserialize<T>(new BinaryData(received.ToArray()));
        }
        finally
        {
            PooledBufferStream.Return(received);
        }
    }

    // Written compressed when that gains, else as serialized: the same choice as the BinaryData path. The serialized
    // record is in pooled 4 kB parts: copied into one rented buffer, it is compressed in one call.
    private static async ValueTask WriteCompressedAsync(PooledBufferStream serialized, Stream destination, int quality, CancellationToken cancellationToken)
    {
        var length = (int)serialized.Length;
        var record = serialized.RentReadOnlySequence();
        var buffer = length < SmallestCompressed ? null : ArrayPool<byte>.Shared.Rent(HeaderBytes + BrotliEncoder.GetMaxCompressedLength(length));
        var whole = buffer is null || record.IsSingleSegment ? null : ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = -1;
            if (whole is not null)
            {
                record.CopyTo(whole);
                written = CompressInto(whole.AsSpan(0, length), buffer!, quality);
            }
            else if (buffer is not null)
            {
                written = CompressInto(record.FirstSpan, buffer, quality);
            }

            if (written > 0)
            {
                await WriteAsync(destination, buffer.AsMemory(0, written), cancellationToken);
                return;
            }

            foreach (var part in record)
            {
                await WriteAsync(destination, part, cancellationToken);
            }
        }
        finally
        {
            serialized.ReturnReadOnlySequence(record);
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (whole is not null)
            {
                ArrayPool<byte>.Shared.Return(whole);
            }
        }
    }

    // An in-memory destination (the blob upload's pooled stream) is written at once: Stream's own WriteAsync, which
    // that stream keeps, would hand every write to the thread pool.
    private static ValueTask WriteAsync(Stream destination, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (destination is PooledBufferStream or MemoryStream && MemoryMarshal.TryGetArray(bytes, out var array))
        {
            destination.Write(array.Array!, array.Offset, array.Count);
            return ValueTask.CompletedTask;
        }

        return destination.WriteAsync(bytes, cancellationToken);
    }

    // Stream.CopyToAsync would write each part through the pooled stream's WriteAsync: see WriteAsync.
    private static async ValueTask CopyAsync(Stream input, PooledBufferStream received, CancellationToken cancellationToken)
    {
        var part = ArrayPool<byte>.Shared.Rent(CopyPartBytes);
        try
        {
            int read;
            while ((read = await input.ReadAsync(part.AsMemory(), cancellationToken)) > 0)
            {
                received.Write(part, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(part);
        }
    }

    // A compressed record read from pooled segments: the header is checked, the rest decompressed part by part.
    private T? DeserializeCompressed<T>(in ReadOnlySequence<byte> record)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        record.Slice(0, Math.Min(HeaderBytes, record.Length)).CopyTo(header);
        var length = SerializedLength(header[..(int)Math.Min(HeaderBytes, record.Length)]);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            DecompressInto(record.Slice(HeaderBytes), buffer.AsSpan(0, length));
            return inner.Deserialize<T>(new BinaryData(buffer.AsMemory(0, length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static void DecompressInto(in ReadOnlySequence<byte> compressed, Span<byte> serialized)
    {
        if (compressed.IsSingleSegment)
        {
            DecompressInto(compressed.FirstSpan, serialized);
            return;
        }

        // A full destination is not yet the end: the stream's last bits may still be in this part or the next, and the
        // decoder reads nothing into an empty destination (it answers "destination too small" without looking), so once
        // the record is whole it is given one spare byte to finish into. A byte written there means the stream holds
        // more than its header says.
        using var decoder = new BrotliDecoder();
        Span<byte> spare = stackalloc byte[1];
        var read = 0;
        var status = OperationStatus.NeedMoreData;
        foreach (var part in compressed)
        {
            var left = part.Span;
            do
            {
                var whole = read == serialized.Length;
                status = decoder.Decompress(left, whole ? spare : serialized[read..], out var consumed, out var produced);
                if (whole && produced > 0)
                {
                    throw Corrupt(read + produced, serialized.Length);
                }

                read += produced;
                left = left[consumed..];
                if (consumed == 0 && produced == 0)
                {
                    break;
                }
            }
            while (status is OperationStatus.DestinationTooSmall);

            if (status is not OperationStatus.NeedMoreData)
            {
                break;
            }
        }

        if (status != OperationStatus.Done || read != serialized.Length)
        {
            throw Corrupt(read, serialized.Length);
        }
    }
}
