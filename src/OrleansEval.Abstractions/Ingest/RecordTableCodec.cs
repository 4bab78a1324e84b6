using System.Buffers;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace OrleansEval.Ingest;

/// <summary>
/// How a <see cref="RecordTable"/> crosses a process boundary: column by column, as one length-prefixed field of packed
/// bytes (<see cref="RecordTableEncoder"/> states the layout), with no object per record on either side. The first
/// byte names the layout, so a later one can be read beside it. A batch handed to a worker in the same silo is not
/// copied (the table is immutable), so this costs only a call to another process.
/// </summary>
[RegisterSerializer]
public sealed class RecordTableCodec : IFieldCodec<RecordTable>
{
    private static readonly Type CodecFieldType = typeof(RecordTable);

    /// <inheritdoc/>
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, RecordTable? value)
        where TBufferWriter : IBufferWriter<byte>
    {
        // A null table, or one already written in this message, is written as a reference.
        if (ReferenceCodec.TryWriteReferenceField(ref writer, fieldIdDelta, expectedType, value) || value is null)
        {
            return;
        }

        writer.WriteFieldHeader(fieldIdDelta, expectedType, CodecFieldType, WireType.LengthPrefixed);
        var encoder = RecordTableEncoder.Rent();
        try
        {
            var bytes = encoder.Encode(value);
            writer.WriteVarUInt32((uint)bytes.Length);
            writer.Write(bytes);
        }
        finally
        {
            encoder.Return();
        }
    }

    /// <inheritdoc/>
    public RecordTable ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        if (field.WireType == WireType.Reference)
        {
            return ReferenceCodec.ReadReference<RecordTable, TInput>(ref reader, field)!;
        }

        field.EnsureWireType(WireType.LengthPrefixed);
        var length = (int)reader.ReadVarUInt32();
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            reader.ReadBytes(bytes.AsSpan(0, length));
            var table = RecordTableDecoder.Decode(bytes.AsSpan(0, length));
            ReferenceCodec.RecordObject(reader.Session, table);
            return table;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
