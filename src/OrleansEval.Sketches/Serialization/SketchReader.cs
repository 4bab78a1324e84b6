using System.Buffers.Binary;
using System.Text;

namespace OrleansEval.Sketches.Serialization;

/// <summary>
/// Reads the little-endian primitives written by <see cref="SketchWriter"/>. Every read is bounds-checked and reports
/// truncated or malformed input as a <see cref="FormatException"/>, never as an index error.
/// </summary>
public ref struct SketchReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _typeName;
    private int _position;

    private SketchReader(ReadOnlySpan<byte> data, string typeName, byte version, int headerLength = 2)
    {
        _data = data;
        _typeName = typeName;
        _position = headerLength;
        Version = version;
    }

    /// <summary>The format version read from the header.</summary>
    public byte Version { get; }

    /// <summary>Checks the type tag and that the version is one this build reads, and positions after the header.</summary>
    public static SketchReader Open(ReadOnlySpan<byte> data, SketchKind kind, byte newestVersion, string typeName)
    {
        if (data.Length < 2)
        {
            throw new FormatException($"Not a serialized {typeName}: {data.Length} bytes is shorter than the two-byte header.");
        }

        if (data[0] != (byte)kind)
        {
            throw new FormatException($"Not a serialized {typeName}: type tag 0x{data[0]:X2}, expected 0x{(byte)kind:X2}.");
        }

        if (data[1] is 0 || data[1] > newestVersion)
        {
            throw new FormatException($"Unsupported {typeName} format version {data[1]}; this build reads versions 1 to {newestVersion}.");
        }

        return new SketchReader(data, typeName, data[1]);
    }

    /// <summary>
    /// Positions after a header of <paramref name="headerLength"/> bytes that the caller has checked: for the bytes of a
    /// format written before the type tags, which a store may still hold. <see cref="Version"/> is 0.
    /// </summary>
    public static SketchReader OpenUntagged(ReadOnlySpan<byte> data, int headerLength, string typeName) =>
        data.Length < headerLength
            ? throw new FormatException($"Not a serialized {typeName}: {data.Length} bytes is shorter than the {headerLength}-byte header.")
            : new SketchReader(data, typeName, 0, headerLength);

    /// <summary>One byte.</summary>
    public byte ReadByte() => Take(1)[0];

    /// <summary>A little-endian 16-bit unsigned integer.</summary>
    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    /// <summary>A little-endian 32-bit signed integer.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>A little-endian 64-bit signed integer.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>A little-endian 64-bit unsigned integer.</summary>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>A little-endian IEEE 754 double.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>An unsigned LEB128 value in its shortest form.</summary>
    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            var group = (ulong)(b & 0x7F);
            if (shift == 63 && group > 1)
            {
                throw Corrupt("a variable-length integer overflows 64 bits");
            }

            result |= group << shift;
            if ((b & 0x80) == 0)
            {
                if (b == 0 && shift > 0)
                {
                    throw Corrupt("a variable-length integer is not in its shortest form");
                }

                return result;
            }
        }

        throw Corrupt("a variable-length integer is longer than ten bytes");
    }

    /// <summary>A LEB128 value that must fit a non-negative <see cref="long"/>.</summary>
    public long ReadVarCount()
    {
        var value = ReadVarUInt64();
        return value > long.MaxValue ? throw Corrupt("a count exceeds the largest 64-bit signed value") : (long)value;
    }

    /// <summary>A LEB128 value that must lie in 0..<paramref name="max"/>.</summary>
    public int ReadVarLength(int max, string what)
    {
        var value = ReadVarUInt64();
        return value > (ulong)max ? throw Corrupt($"{what} {value} exceeds {max}") : (int)value;
    }

    /// <summary>The next <paramref name="count"/> bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    /// <summary>A nested block written by <see cref="SketchWriter.WriteBlock"/>: a 32-bit length and that many bytes.</summary>
    public ReadOnlySpan<byte> ReadBlock() => Take(ReadInt32Length(int.MaxValue, "a block length"));

    /// <summary>A 32-bit signed value that must lie in 0..<paramref name="max"/>.</summary>
    public int ReadInt32Length(int max, string what)
    {
        var value = ReadInt32();
        return value < 0 || value > max ? throw Corrupt($"{what} {value} is outside 0 to {max}") : value;
    }

    /// <summary>A LEB128 byte length followed by that many bytes of well-formed UTF-8.</summary>
    public string ReadUtf8String()
    {
        var length = ReadVarLength(Remaining, "a string length");
        var bytes = Take(length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new FormatException($"Corrupt {_typeName}: a string is not valid UTF-8.", ex);
        }
    }

    /// <summary>Number of bytes not yet read.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Fails unless every byte has been read.</summary>
    public readonly void EnsureEnd()
    {
        if (_position != _data.Length)
        {
            throw Corrupt($"{_data.Length - _position} unexpected bytes after the end");
        }
    }

    /// <summary>A <see cref="FormatException"/> naming the type and the problem.</summary>
    public readonly FormatException Corrupt(string problem) => new($"Corrupt {_typeName}: {problem}.");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - _position)
        {
            throw new FormatException(
                $"Corrupt {_typeName}: truncated at byte {_position} of {_data.Length} (needed {count} more).");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
