using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Orleans.Serialization.Buffers;

namespace OrleansEval.Ingest;

/// <summary>
/// How <see cref="PackedNumbers"/> is written: one length-prefixed field — its first integer the byte count that
/// follows, as Orleans' wire format requires of such a field, so a reader without the field skips it — in one of two
/// layouts, told apart by that count. Raw (a whole number of eight-byte values): every value as its eight little-endian
/// bytes, one copy of 8,000 bytes each way for a thousand values; full-precision values take it, and so did every
/// column written before the decimal layout, which reads back as it was. Decimal (any other count): a layout byte, a
/// padding byte when the count would otherwise be a multiple of eight, then the values as decimal integers
/// (<see cref="DecimalNumbers"/>), chosen when most values are short decimals and it is smaller. An unknown layout
/// byte fails the read.
/// </summary>
[RegisterSerializer]
public sealed class PackedNumbersCodec : PackedFieldCodec<PackedNumbers>
{
    // The first byte of a decimal field: the decimal bytes follow at once, or after one padding byte.
    private const byte Decimal = 1;
    private const byte PaddedDecimal = 2;

    /// <inheritdoc/>
    protected override void WriteBytes<TBufferWriter>(ref Writer<TBufferWriter> writer, PackedNumbers value)
    {
        var values = value.Values.AsSpan();
        // Rents its array on the first byte written: nothing for columns too few for decimals.
        var buffer = new PackedBuffer();
        try
        {
            if (DecimalNumbers.TryWrite(values, buffer))
            {
                var written = buffer.Written;
                var padded = (written.Length + 1) % sizeof(double) == 0;
                writer.WriteVarUInt32(checked((uint)(written.Length + (padded ? 2 : 1))));
                writer.WriteByte(padded ? PaddedDecimal : Decimal);
                if (padded)
                {
                    writer.WriteByte(0);
                }

                writer.Write(written);
                return;
            }
        }
        finally
        {
            buffer.Clear();
        }

        writer.WriteVarUInt32(checked((uint)(values.Length * sizeof(double))));
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        Span<byte> one = stackalloc byte[sizeof(double)];
        foreach (var number in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(one, number);
            writer.Write(one);
        }
    }

    /// <inheritdoc/>
    protected override PackedNumbers ReadBytes<TInput>(ref Reader<TInput> reader)
    {
        var length = reader.ReadVarUInt32();
        if (length % sizeof(double) == 0)
        {
            return new PackedNumbers(ImmutableCollectionsMarshal.AsImmutableArray(ReadRaw(ref reader, length)));
        }

        return ReadPooled(ref reader, (int)length, static field =>
        {
            var skip = field[0] switch
            {
                Decimal => 1,
                PaddedDecimal when field.Length > 1 => 2,
                var layout => throw new InvalidDataException($"packed numbers: {field.Length} bytes is not a whole number of eight-byte values, and layout {layout} is not known"),
            };
            return new PackedNumbers(ImmutableCollectionsMarshal.AsImmutableArray(DecimalNumbers.Read(field[skip..])));
        });
    }

    private static double[] ReadRaw<TInput>(ref Reader<TInput> reader, uint length)
    {
        var values = new double[length / sizeof(double)];
        reader.ReadBytes(MemoryMarshal.AsBytes(values.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            var bytes = MemoryMarshal.AsBytes(values.AsSpan());
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(i * sizeof(double), sizeof(double)));
            }
        }

        return values;
    }
}
