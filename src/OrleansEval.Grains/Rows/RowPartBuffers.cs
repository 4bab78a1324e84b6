using Microsoft.IO;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// The buffers a row part is encoded into before it is sent: blocks of 64 KiB while it is written, below the
/// large-object threshold, and for the send one contiguous buffer from a pool of power-of-two sizes from 1 MiB. A
/// memory stream grew by doubling into a new large array at every step and copied the part once more to hand it over,
/// all of it garbage a moment later; these buffers go back to their pools when the part is stored, so a part of the
/// next persist interval reuses them.
/// </summary>
internal static class RowPartBuffers
{
    private static readonly RecyclableMemoryStreamManager Manager = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 64 * 1024,
        LargeBufferMultiple = 1024 * 1024,
        MaximumBufferSize = 256 * 1024 * 1024,
        UseExponentialLargeBuffer = true,
        MaximumSmallPoolFreeBytes = 32L * 1024 * 1024,
        MaximumLargePoolFreeBytes = 128L * 1024 * 1024,
    });

    /// <summary>A stream to write one part into; disposing it gives its buffers back.</summary>
    public static RecyclableMemoryStream Rent() => Manager.GetStream("row part");

    /// <summary>The bytes written to <paramref name="stream"/>, in one buffer that stays the stream's until it is disposed.</summary>
    public static ReadOnlyMemory<byte> Content(RecyclableMemoryStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream.GetBuffer().AsMemory(0, checked((int)stream.Length));
    }
}
