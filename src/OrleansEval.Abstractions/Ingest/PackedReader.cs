using System.Buffers.Binary;
using System.Text;

namespace OrleansEval.Ingest;

/// <summary>
/// Reads what a <see cref="PackedBuffer"/> wrote, front to back, from any position of the same bytes; every read is
/// checked against the end, so cut or damaged bytes fail with an <see cref="InvalidDataException"/>.
/// </summary>
internal ref struct PackedReader(ReadOnlySpan<byte> bytes, int position)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    /// <summary>The position of the next byte to read.</summary>
    public int Position { get; private set; } = position;

    /// <summary>The bytes left to read.</summary>
    public readonly int Remaining => _bytes.Length - Position;

    public byte ReadByte()
    {
        if (Position >= _bytes.Length)
        {
            throw Cut();
        }

        return _bytes[Position++];
    }

    public ulong ReadVarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var next = ReadByte();
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("a variable-length integer runs past 64 bits");
    }

    public long ReadVarInt()
    {
        var zigzag = ReadVarUInt();
        return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
    }

    /// <summary>A count or index that must lie within 0 and <paramref name="atMost"/>.</summary>
    public int ReadCount(long atMost)
    {
        var value = ReadVarUInt();
        return value <= (ulong)Math.Min(atMost, int.MaxValue) ? (int)value : throw new InvalidDataException($"a count of {value} exceeds {atMost}");
    }

    public double ReadDouble()
    {
        if (Remaining < sizeof(double))
        {
            throw Cut();
        }

        var value = BinaryPrimitives.ReadDoubleLittleEndian(_bytes.Slice(Position, sizeof(double)));
        Position += sizeof(double);
        return value;
    }

    /// <summary>The next <paramref name="count"/> bytes, as they are.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || Remaining < count)
        {
            throw Cut();
        }

        var bytes = _bytes.Slice(Position, count);
        Position += count;
        return bytes;
    }

    public string ReadString()
    {
        var count = ReadCount(Remaining);
        var value = Encoding.UTF8.GetString(_bytes.Slice(Position, count));
        Position += count;
        return value;
    }

    private static InvalidDataException Cut() => new("the packed bytes end early");
}
