using System.Buffers.Binary;
using System.Text;

namespace OrleansEval.Sketches.Serialization;

/// <summary>Appends little-endian primitives to a growing buffer; the counterpart of <see cref="SketchReader"/>.</summary>
internal sealed class SketchWriter
{
    private byte[] _buffer;
    private int _length;

    public SketchWriter(SketchKind kind, byte version, int capacityHint = 64)
    {
        _buffer = new byte[Math.Max(capacityHint, 16)];
        WriteByte((byte)kind);
        WriteByte(version);
    }

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

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

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>A string as its UTF-8 byte length (LEB128) followed by the bytes.</summary>
    public void WriteUtf8String(string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt64((ulong)byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

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
