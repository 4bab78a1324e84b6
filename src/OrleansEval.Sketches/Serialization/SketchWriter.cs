using System.Buffers.Binary;
using System.Text;

namespace OrleansEval.Sketches.Serialization;

/// <summary>
/// Appends little-endian primitives to a growing buffer after the two-byte header (type tag, format version) that
/// every stored sketch and bucket starts with; the counterpart of <see cref="SketchReader"/>.
/// </summary>
public sealed class SketchWriter
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Starts the bytes of a <paramref name="kind"/> in format <paramref name="version"/>.</summary>
    public SketchWriter(SketchKind kind, byte version, int capacityHint = 64)
    {
        _buffer = new byte[Math.Max(capacityHint, 16)];
        WriteByte((byte)kind);
        WriteByte(version);
    }

    /// <summary>One byte.</summary>
    public void WriteByte(byte value) => Reserve(1)[0] = value;

    /// <summary>A little-endian 16-bit unsigned integer.</summary>
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    /// <summary>A little-endian 32-bit signed integer.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    /// <summary>A little-endian 64-bit signed integer.</summary>
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    /// <summary>A little-endian 64-bit unsigned integer.</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    /// <summary>A little-endian IEEE 754 double.</summary>
    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    /// <summary>Unsigned LEB128: seven bits a byte, low group first, high bit set on every byte but the last.</summary>
    public void WriteVarUInt64(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)((value & 0x7F) | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    /// <summary>A non-negative count as <see cref="WriteVarUInt64"/>.</summary>
    public void WriteVarCount(long value)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A count cannot be negative.");
        }

        WriteVarUInt64((ulong)value);
    }

    /// <summary>The bytes as they are, without a length.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>A nested block (another type's serialized bytes) as its 32-bit length followed by the bytes.</summary>
    public void WriteBlock(ReadOnlySpan<byte> block)
    {
        WriteInt32(block.Length);
        WriteBytes(block);
    }

    /// <summary>A string as its UTF-8 byte length (LEB128) followed by the bytes.</summary>
    public void WriteUtf8String(string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt64((ulong)byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    /// <summary>The bytes written so far, header included.</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    private Span<byte> Reserve(int count)
    {
        var required = checked(_length + count);
        if (required > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(required, checked(_buffer.Length * 2)));
        }

        var span = _buffer.AsSpan(_length, count);
        _length = required;
        return span;
    }
}
