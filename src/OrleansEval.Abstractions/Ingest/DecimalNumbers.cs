using System.Buffers;

namespace OrleansEval.Ingest;

/// <summary>
/// A column of numbers written as decimal integers: most feature values reach the store as short decimals ("12",
/// "45.67", "0.125"), and each is then exactly <c>n / 10^e</c> for one exponent <c>e</c> of the column and a small
/// integer <c>n</c>, a byte or two as a variable-length integer where its double takes eight. Lossless bit for bit:
/// a value is written as <c>n</c> only when dividing <c>n</c> by <c>10^e</c> gives back the same double (the division
/// of two exact doubles is correctly rounded, so it is the double the decimal <c>n·10^-e</c> parses to); the canonical
/// NaN (a missing value) takes one byte; anything else — negative zero, infinities, other NaNs, values with more
/// digits than the column's exponent holds — is an exception written as its eight bytes after the integers.
/// </summary>
/// <remarks>
/// The idea is the decimal encoding of ALP (Afroozeh, Kuffó and Boncz, "ALP: Adaptive Lossless floating-Point
/// Compression", SIGMOD 2023), without its per-vector factor search or bit packing: the bytes go through Brotli after.
/// Layout: the count, the exponent (a byte), each value's code (0 for the canonical NaN, else the zigzagged integer
/// plus one), the number of exceptions, then each exception as the gap from the previous one's position and its
/// eight little-endian bytes.
/// </remarks>
public static class DecimalNumbers
{
    /// <summary>The largest exponent tried: values with up to nine decimals.</summary>
    public const int MaxExponent = 9;

    // Fewer values gain too little to be worth choosing an exponent for.
    private const int FewestValues = 16;

    // After this many finite values, a quarter that fit no exponent ends the search.
    private const int EarlyVerdict = 32;

    // Below 2^53 every integer is a double.
    private const double LargestExact = 9_007_199_254_740_992d;

    private static readonly long CanonicalNaN = BitConverter.DoubleToInt64Bits(double.NaN);

    private static readonly double[] Powers = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    /// <summary>
    /// Writes <paramref name="values"/> in the decimal layout into <paramref name="buffer"/> and answers true when that is
    /// smaller than their eight bytes each. False means the raw layout is to be written instead, and what was written to
    /// <paramref name="buffer"/>, if anything, discarded: the values are too few, a quarter of them carry more
    /// than <see cref="MaxExponent"/> decimals, or the exceptions made the layout no smaller.
    /// </summary>
    public static bool TryWrite(ReadOnlySpan<double> values, PackedBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (values.Length < FewestValues || ExponentOf(values) is not { } exponent)
        {
            return false;
        }

        var start = buffer.Written.Length;
        var power = Powers[exponent];
        int[]? exceptions = null;
        var count = 0;
        buffer.WriteVarUInt((uint)values.Length);
        buffer.WriteByte((byte)exponent);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (TryScale(value, power, out var scaled))
            {
                buffer.WriteVarUInt(((ulong)((scaled << 1) ^ (scaled >> 63))) + 1);
                continue;
            }

            buffer.WriteByte(0);
            if (BitConverter.DoubleToInt64Bits(value) != CanonicalNaN)
            {
                exceptions ??= ArrayPool<int>.Shared.Rent(values.Length);
                exceptions[count++] = i;
            }
        }

        buffer.WriteVarUInt((uint)count);
        var previous = 0;
        foreach (var position in exceptions.AsSpan(0, count))
        {
            buffer.WriteVarUInt((uint)(position - previous));
            buffer.WriteDouble(values[position]);
            previous = position;
        }

        if (exceptions is not null)
        {
            ArrayPool<int>.Shared.Return(exceptions);
        }

        return buffer.Written.Length - start < (long)values.Length * sizeof(double);
    }

    /// <summary>The values written by <see cref="TryWrite"/>; throws <see cref="InvalidDataException"/> on cut or damaged bytes.</summary>
    public static double[] Read(ReadOnlySpan<byte> bytes)
    {
        var reader = new PackedReader(bytes, 0);
        // Every value takes at least a byte.
        var values = new double[reader.ReadCount(bytes.Length)];
        ReadValues(ref reader, values);
        return values;
    }

    /// <summary>
    /// <see cref="Read(ReadOnlySpan{byte})"/> into <paramref name="into"/>, which the bytes must fill exactly: for a
    /// column whose length its reader knows already.
    /// </summary>
    public static void Read(ReadOnlySpan<byte> bytes, Span<double> into)
    {
        var reader = new PackedReader(bytes, 0);
        var count = reader.ReadCount(bytes.Length);
        if (count != into.Length)
        {
            throw new InvalidDataException($"decimal numbers: {count} values where {into.Length} were expected");
        }

        ReadValues(ref reader, into);
    }

    private static void ReadValues(ref PackedReader reader, Span<double> values)
    {
        var exponent = reader.ReadByte();
        if (exponent > MaxExponent)
        {
            throw new InvalidDataException($"decimal numbers: exponent {exponent} is above {MaxExponent}");
        }

        var power = Powers[exponent];
        for (var i = 0; i < values.Length; i++)
        {
            var code = reader.ReadVarUInt();
            if (code == 0)
            {
                values[i] = double.NaN;
                continue;
            }

            var zigzag = code - 1;
            var scaled = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
            if (Math.Abs((double)scaled) >= LargestExact)
            {
                throw new InvalidDataException($"decimal numbers: value {i} is {scaled}, past what a double holds exactly");
            }

            values[i] = scaled / power;
        }

        var exceptions = reader.ReadCount(values.Length);
        var position = 0L;
        for (var e = 0; e < exceptions; e++)
        {
            position += reader.ReadCount(values.Length);
            if (position >= values.Length)
            {
                throw new InvalidDataException($"decimal numbers: an exception at {position} of {values.Length} values");
            }

            values[(int)position] = reader.ReadDouble();
        }

        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"decimal numbers: {reader.Remaining} bytes after the values");
        }
    }

    // The largest exponent any value needs, or null when a quarter of the finite values need more than MaxExponent
    // decimals (full-precision values: eight bytes each is then the layout), which the first few dozen tell.
    private static int? ExponentOf(ReadOnlySpan<double> values)
    {
        int exponent = 0, seen = 0, unfit = 0;
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                continue;
            }

            seen++;
            if (TryScale(value, Powers[exponent], out _))
            {
                continue;
            }

            var needed = DecimalsOf(value, exponent + 1);
            if (needed < 0)
            {
                unfit++;
                if (seen >= EarlyVerdict && unfit * 4 > seen)
                {
                    return null;
                }
            }
            else
            {
                exponent = needed;
            }
        }

        return unfit * 4 > seen ? null : exponent;
    }

    private static int DecimalsOf(double value, int from)
    {
        for (var exponent = from; exponent <= MaxExponent; exponent++)
        {
            if (TryScale(value, Powers[exponent], out _))
            {
                return exponent;
            }
        }

        return -1;
    }

    // True when value is scaled / power exactly, bit for bit (negative zero and non-finite values never are).
    private static bool TryScale(double value, double power, out long scaled)
    {
        var product = Math.Round(value * power);
        if (!(Math.Abs(product) < LargestExact))
        {
            scaled = 0;
            return false;
        }

        scaled = (long)product;
        return scaled / power == value && (scaled != 0 || !double.IsNegative(value));
    }
}
