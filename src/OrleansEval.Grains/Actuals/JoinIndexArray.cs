using System.Numerics;
using System.Runtime.CompilerServices;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// A fixed-length array of <typeparamref name="T"/> kept in chunks of one size, 64 KiB, so that no part of the join's
/// index is a large object: the runtime puts an array of 85,000 bytes or more on the large object heap, which it does not
/// compact by default, and the index's epochs, rebuilt larger as they merge, left holes there that the next, larger epoch
/// did not fit (docs/benchmarks.md, "Rows, examples and worst slices at volume"). Chunks of one size live in the small
/// object heap, where the collector compacts them, and a chunk freed by a merge is exactly the size of the next one
/// allocated. The table of chunks stays below the threshold too while the array holds less than <see cref="MaxBytes"/>.
/// </summary>
internal sealed class JoinIndexArray<T>
    where T : unmanaged
{
    /// <summary>The bytes of a chunk: a power of two below the large-object threshold with room for the array's header.</summary>
    public const int ChunkBytes = 1 << 16;

    /// <summary>The runtime's default large-object threshold: an array this large or larger goes to the large object heap.</summary>
    public const int LargeObjectThreshold = 85_000;

    /// <summary>The most bytes an array holds with its table of chunks still below <see cref="LargeObjectThreshold"/>.</summary>
    public const long MaxBytes = (long)ChunkBytes * ((LargeObjectThreshold - ArrayOverhead) / 8);

    // A .NET array's header and length on a 64-bit runtime.
    private const int ArrayOverhead = 24;

    private static readonly int Shift = BitOperations.Log2((uint)(ChunkBytes / Unsafe.SizeOf<T>()));

    private readonly T[][] _chunks;

    /// <summary>An array of <paramref name="length"/> default values.</summary>
    public JoinIndexArray(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length * Unsafe.SizeOf<T>() > MaxBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"an index array holds at most {MaxBytes} bytes");
        }

        Length = length;
        var chunkLength = 1L << Shift;
        _chunks = new T[(length + chunkLength - 1) >> Shift][];
        for (var chunk = 0; chunk < _chunks.Length; chunk++)
        {
            _chunks[chunk] = new T[Math.Min(chunkLength, length - ((long)chunk << Shift))];
        }
    }

    /// <summary>Elements held.</summary>
    public long Length { get; }

    /// <summary>The memory the array takes: its elements, its chunks' headers and its table of chunks.</summary>
    public long Bytes => (Length * Unsafe.SizeOf<T>()) + ((_chunks.Length + 1L) * ArrayOverhead) + (8L * _chunks.Length);

    /// <summary>The largest single array the value is made of, in bytes with its header: below the large-object threshold.</summary>
    public long LargestArrayBytes =>
        Math.Max(ArrayOverhead + (8L * _chunks.Length), _chunks.Length == 0 ? 0 : ArrayOverhead + ((long)_chunks[0].Length * Unsafe.SizeOf<T>()));

    /// <summary>The element at <paramref name="index"/>.</summary>
    public ref T this[long index] => ref _chunks[index >> Shift][index & ((1L << Shift) - 1)];
}
