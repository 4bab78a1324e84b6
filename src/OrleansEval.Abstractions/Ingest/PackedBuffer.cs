using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace OrleansEval.Ingest;

/// <summary>
/// A growing byte buffer rented from the shared pool, written front to back: bytes, variable-length integers (seven
/// bits a byte, signed ones zigzagged), doubles as their eight little-endian bytes, and strings as their UTF-8 length
/// and bytes — or anything else through <see cref="IBufferWriter{T}"/>. For bytes used once and let go (a batch on the
/// wire, a batch laid out to be hashed): as fresh arrays they would be Large Object Heap allocations per batch.
/// <see cref="Clear"/> gives the array back.
/// </summary>
public sealed class PackedBuffer : IBufferWriter<byte>
{
    private byte[] _bytes = [];
    private int _length;

    /// <summary>An empty buffer, which rents its array on the first write.</summary>
    public PackedBuffer()
    {
    }

    /// <summary>An empty buffer with room for <paramref name="capacity"/> bytes.</summary>
    public PackedBuffer(int capacity) => Ensure(capacity);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value)
    {
        Ensure(1);
        _bytes[_length++] = value;
    }

    /// <summary>Writes <paramref name="value"/> seven bits a byte, low bits first.</summary>
    public void WriteVarUInt(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _bytes[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _bytes[_length++] = (byte)value;
    }

    /// <summary>Writes <paramref name="value"/> zigzagged, then seven bits a byte.</summary>
    public void WriteVarInt(long value) => WriteVarUInt((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes <paramref name="value"/> as its eight little-endian bytes.</summary>
    public void WriteDouble(double value)
    {
        Ensure(sizeof(double));
        BinaryPrimitives.WriteDoubleLittleEndian(_bytes.AsSpan(_length), value);
        _length += sizeof(double);
    }

    /// <summary>Writes <paramref name="value"/> as its UTF-8 length, then its UTF-8 bytes.</summary>
    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((uint)count);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(value, _bytes.AsSpan(_length));
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _bytes.Length - _length);
        _length += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _bytes.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _bytes.AsSpan(_length);
    }

    /// <summary>Empties the buffer and gives its array back to the pool.</summary>
    public void Clear()
    {
        if (_bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
        }

        _bytes = [];
        _length = 0;
    }

    private void Ensure(int count)
    {
        if (_length + count <= _bytes.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + count, Math.Max(4_096, _bytes.Length * 2)));
        Written.CopyTo(larger);
        var old = _bytes;
        _bytes = larger;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old);
        }
    }
}
