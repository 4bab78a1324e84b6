using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Orleans.Serialization.Buffers;

namespace OrleansEval.Ingest;

/// <summary>
/// How <see cref="PackedNumbers"/> is written: one length-prefixed field in one of two layouts, told apart by the
/// low three bits of the variable-length integer that starts it. Decimal (low bits 1, the payload's byte count above
/// them): the values as decimal integers (<see cref="DecimalNumbers"/>), chosen when most values are short decimals and
/// it is smaller. Raw (low bits 0: the byte count, a whole number of eight-byte values): every value as its eight
/// little-endian bytes, one copy of 8,000 bytes each way for a thousand values; full-precision values take it, and so
/// did every column written before the decimal layout, which reads back as it was. A length that is not a whole
/// number of values, or an unknown layout, fails the read.
/// </summary>
[RegisterSerializer]
public sealed class PackedNumbersCodec : PackedFieldCodec<PackedNumbers>
{
    // The layouts, in the low bits of the field's first integer.
    private const uint LayoutBits = 7;
    private const uint Decimal = 1;

    // The largest decimal payload whose byte count fits above the layout bits.
    private const int LargestDecimal = (int)(uint.MaxValue >> 3);

    /// <inheritdoc/>
    protected override void WriteBytes<TBufferWriter>(ref Writer<TBufferWriter> writer, PackedNumbers value)
    {
        var values = value.Values.AsSpan();
        // Rents its array on the first byte written: nothing for columns too few for decimals.
        var buffer = new PackedBuffer();
        try
        {
            if (DecimalNumbers.TryWrite(values, buffer) && buffer.Written.Length <= LargestDecimal)
            {
                writer.WriteVarUInt32(((uint)buffer.Written.Length << 3) | Decimal);
                writer.Write(buffer.Written);
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
        var header = reader.ReadVarUInt32();
        switch (header & LayoutBits)
        {
            case Decimal:
                var length = (int)(header >> 3);
                var bytes = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    reader.ReadBytes(bytes.AsSpan(0, length));
                    return new PackedNumbers(ImmutableCollectionsMarshal.AsImmutableArray(DecimalNumbers.Read(bytes.AsSpan(0, length))));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }

            case 0:
                return new PackedNumbers(ImmutableCollectionsMarshal.AsImmutableArray(ReadRaw(ref reader, header)));

            default:
                throw new InvalidDataException($"packed numbers: {header} bytes is not a whole number of eight-byte values, nor a known layout");
        }
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
