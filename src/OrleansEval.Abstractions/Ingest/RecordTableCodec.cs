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
            WriteLengthAndBytes(ref writer, encoder.Encode(value));
        }
        finally
        {
            encoder.Return();
        }
    }

    /// <inheritdoc/>
    protected override RecordTable ReadBytes<TInput>(ref Reader<TInput> reader) => ReadPooled(ref reader, RecordTableDecoder.Decode);
}
