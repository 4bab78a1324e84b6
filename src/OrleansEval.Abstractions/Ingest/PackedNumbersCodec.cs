using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Orleans.Serialization.Buffers;

namespace OrleansEval.Ingest;

/// <summary>
/// How <see cref="PackedNumbers"/> is written: one length-prefixed field holding the byte count and then every value
/// as its eight little-endian bytes, so a thousand values are one copy of 8,000 bytes each way instead of a thousand
/// field headers and values written and read one at a time. A length that is not a whole number of values fails the
/// read.
/// </summary>
[RegisterSerializer]
public sealed class PackedNumbersCodec : PackedFieldCodec<PackedNumbers>
{
    /// <inheritdoc/>
    protected override void WriteBytes<TBufferWriter>(ref Writer<TBufferWriter> writer, PackedNumbers value)
    {
        var values = value.Values.AsSpan();
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
        if (length % sizeof(double) != 0)
        {
            throw new InvalidDataException($"packed numbers: {length} bytes is not a whole number of eight-byte values");
        }

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

        return new PackedNumbers(ImmutableCollectionsMarshal.AsImmutableArray(values));
    }
}
