using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace OrleansEval.Ingest;

/// <summary>
/// A growing byte buffer rented from the shared pool, written front to back: bytes, variable-length integers (seven
/// bits a byte, signed ones zigzagged), doubles as their eight little-endian bytes, and strings as their UTF-8 length
/// and bytes. <see cref="Clear"/> gives the array back.
/// </summary>
internal sealed class PackedBuffer
{
    private byte[] _bytes = [];
    private int _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    public void WriteByte(byte value)
    {
        Ensure(1);
        _bytes[_length++] = value;
    }

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

    public void WriteVarInt(long value) => WriteVarUInt((ulong)((value << 1) ^ (value >> 63)));

    public void WriteDouble(double value)
    {
        Ensure(sizeof(double));
        BinaryPrimitives.WriteDoubleLittleEndian(_bytes.AsSpan(_length), value);
        _length += sizeof(double);
    }

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((uint)count);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(value, _bytes.AsSpan(_length));
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
