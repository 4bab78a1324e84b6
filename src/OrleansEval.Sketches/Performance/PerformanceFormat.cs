using OrleansEval.Sketches.Serialization;

namespace OrleansEval.Sketches.Performance;

/// <summary>Encodings shared by the performance states on top of <see cref="SketchWriter"/> and <see cref="SketchReader"/>.</summary>
internal static class PerformanceFormat
{
    /// <summary>A non-negative 128-bit integer as unsigned LEB128 (at most 19 bytes).</summary>
    public static void WriteVarInt128(SketchWriter writer, Int128 value)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only non-negative sums are written.");
        }

        var remaining = (UInt128)value;
        while (remaining >= 0x80)
        {
            writer.WriteByte((byte)((byte)(remaining & 0x7F) | 0x80));
            remaining >>= 7;
        }

        writer.WriteByte((byte)remaining);
    }

    /// <summary>Reads <see cref="WriteVarInt128"/>: shortest form only, and the value must fit a non-negative <see cref="Int128"/>.</summary>
    public static Int128 ReadVarInt128(ref SketchReader reader, string what)
    {
        UInt128 result = 0;
        for (var shift = 0; shift < 133; shift += 7)
        {
            var b = reader.ReadByte();
            var group = (UInt128)(b & 0x7F);
            if (shift == 126 && group > 1)
            {
                throw reader.Corrupt($"{what} overflows 127 bits");
            }

            result |= group << shift;
            if ((b & 0x80) == 0)
            {
                if (b == 0 && shift > 0)
                {
                    throw reader.Corrupt($"{what} is not in its shortest form");
                }

                return (Int128)result;
            }
        }

        throw reader.Corrupt($"{what} is longer than 19 bytes");
    }

    /// <summary>True when <paramref name="value"/> is a well-formed UTF-16 string (no unpaired surrogate).</summary>
    public static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
