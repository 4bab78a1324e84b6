using Orleans.Serialization.Buffers;
using OrleansEval.Ingest;

namespace OrleansEval.Actuals;

/// <summary>
/// How <see cref="PackedPredictions"/> is written: one length-prefixed field of the rows in their packed layout
/// (<see cref="PendingPredictions"/>, "PendingPredictions.Packed.cs"), a layout byte first so a later one can be read
/// beside it. Cut or damaged bytes fail the read.
/// </summary>
[RegisterSerializer]
public sealed class PackedPredictionsCodec : PackedFieldCodec<PackedPredictions>
{
    // About what a row of a few slices takes, so that most batches are written without the buffer growing.
    private const int BytesPerRow = 64;

    /// <inheritdoc/>
    protected override void WriteBytes<TBufferWriter>(ref Writer<TBufferWriter> writer, PackedPredictions value)
    {
        var buffer = new PackedBuffer(value.Rows.Count * BytesPerRow + 256);
        try
        {
            value.Rows.WritePacked(buffer);
            WriteLengthAndBytes(ref writer, buffer.Written);
        }
        finally
        {
            buffer.Clear();
        }
    }

    /// <inheritdoc/>
    protected override PackedPredictions ReadBytes<TInput>(ref Reader<TInput> reader) =>
        ReadPooled(ref reader, static bytes => new PackedPredictions(PendingPredictions.ReadPacked(bytes)));
}
