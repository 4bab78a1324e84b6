using Microsoft.IO;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// The buffers a row part is encoded into before it is sent: blocks of 64 KiB, below the large-object threshold, which
/// the store reads as a stream when it sends the part, so no part of any size is ever copied into one contiguous
/// buffer. The blocks go back to their pool when the part is stored, so a part of the next persist interval reuses
/// them; the pool keeps at most <see cref="MaximumFreeBytes"/> of them idle.
/// </summary>
internal static class RowPartBuffers
{
    /// <summary>The most idle bytes the pool keeps: 512 blocks, the parts of a few persist intervals at full load.</summary>
    public const long MaximumFreeBytes = 32L * 1024 * 1024;

    private static readonly RecyclableMemoryStreamManager Manager = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 64 * 1024,
        LargeBufferMultiple = 1024 * 1024,
        MaximumBufferSize = 256 * 1024 * 1024,
        UseExponentialLargeBuffer = true,
        MaximumSmallPoolFreeBytes = MaximumFreeBytes,

        // A contiguous buffer is never asked for (the parts are read as streams); if one were, none is kept.
        MaximumLargePoolFreeBytes = 1,
    });

    /// <summary>A stream to write one part into; disposing it gives its blocks back.</summary>
    public static RecyclableMemoryStream Rent() => Manager.GetStream("row part");

    /// <summary>Bytes of contiguous buffers the pool has made, idle or lent: zero while parts are sent as streams.</summary>
    public static long ContiguousBytes => Manager.LargePoolFreeSize + Manager.LargePoolInUseSize;

    /// <summary>Bytes of idle blocks the pool keeps.</summary>
    public static long FreeBlockBytes => Manager.SmallPoolFreeSize;
}
