using System.Buffers.Binary;

namespace OrleansEval.Gateway.Grpc;

/// <summary>
/// Reads the protobuf wire format over a span of bytes: tags, varints, fixed-width numbers and length-delimited fields,
/// and skips a field it is not asked for by its wire type, as protobuf skips an unknown field. What it does not read
/// (a group, wire type 6 or 7, a field number 0, a truncated or over-long varint, a length past the end) throws
/// <see cref="InvalidDataException"/>, so that the caller can hand the message to protobuf's own parser, whose
/// verdict on such input stays the rule.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => _at >= _data.Length;

    /// <summary>The tag of a field: its number shifted left three bits, or'ed with its wire type.</summary>
    public static uint Tag(int field, int wireType) => ((uint)field << 3) | (uint)wireType;

    /// <summary>The next field's tag.</summary>
    public uint ReadTag()
    {
        var tag = ReadVarint();
        return tag is > uint.MaxValue or < 8 ? throw Unread("a tag with field number 0 or past 32 bits") : (uint)tag;
    }

    /// <summary>A varint of at most ten bytes, its bits past the 64th dropped as protobuf drops them.</summary>
    public ulong ReadVarint()
    {
        if (_at < _data.Length && _data[_at] < 0x80)
        {
            return _data[_at++];
        }

        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_at >= _data.Length)
            {
                throw Unread("a truncated varint");
            }

            var b = _data[_at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Unread("a varint longer than ten bytes");
    }

    /// <summary>A double: eight bytes, little-endian.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>The bytes of a length-delimited field.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        return length > (ulong)(_data.Length - _at) ? throw Unread("a length past the end") : Take((int)length);
    }

    /// <summary>Skips the value of the field whose tag was just read.</summary>
    public void Skip(uint tag)
    {
        switch (tag & 7)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                Take(8);
                break;
            case 2:
                ReadBytes();
                break;
            case 5:
                Take(4);
                break;
            default:
                throw Unread("a group or an invalid wire type");
        }
    }

    /// <summary>What <see cref="WireReader"/> throws for input it leaves to protobuf's parser.</summary>
    public static InvalidDataException Unread(string what) => new($"The message holds {what}; it is read by protobuf's parser instead.");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _at)
        {
            throw Unread("a field past the end");
        }

        var bytes = _data.Slice(_at, count);
        _at += count;
        return bytes;
    }
}
