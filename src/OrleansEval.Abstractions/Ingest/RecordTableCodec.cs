using System.Buffers;
using Orleans.Serialization.Buffers;

namespace OrleansEval.Ingest;

/// <summary>
/// How a <see cref="RecordTable"/> crosses a process boundary: column by column, as one length-prefixed field of packed
/// bytes (<see cref="RecordTableEncoder"/> states the layout), with no object per record on either side. The first
/// byte names the layout, so a later one can be read beside it. A batch handed to a worker in the same silo is not
/// copied (the table is immutable), so this costs only a call to another process.
/// </summary>
[RegisterSerializer]
public sealed class RecordTableCodec : PackedFieldCodec<RecordTable>
{
    /// <inheritdoc/>
    protected override void WriteBytes<TBufferWriter>(ref Writer<TBufferWriter> writer, RecordTable value)
    {
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
    protected override RecordTable ReadBytes<TInput>(ref Reader<TInput> reader)
    {
        var length = (int)reader.ReadVarUInt32();
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            reader.ReadBytes(bytes.AsSpan(0, length));
            return RecordTableDecoder.Decode(bytes.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
