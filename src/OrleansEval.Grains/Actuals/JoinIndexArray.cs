namespace OrleansEval.Grains.Actuals;

/// <summary>
/// A fixed-length array of <typeparamref name="T"/> in a part of a <see cref="JoinIndexMemory"/>, valid while that
/// memory is: its owner (<see cref="JoinSegmentEpoch"/>) reads it only while it holds the memory, and every index is
/// checked, so a wrong one throws rather than reading past the part.
/// </summary>
internal readonly unsafe struct JoinIndexArray<T>
    where T : unmanaged
{
    private readonly T* _items;

    /// <summary>The <paramref name="length"/> elements from <paramref name="address"/>.</summary>
    public JoinIndexArray(nint address, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _items = (T*)address;
        Length = length;
    }

    /// <summary>Elements held.</summary>
    public long Length { get; }

    /// <summary>The bytes of <paramref name="length"/> elements.</summary>
    public static long BytesOf(long length) => length * sizeof(T);

    /// <summary>The element at <paramref name="index"/>.</summary>
    public ref T this[long index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((ulong)index, (ulong)Length, nameof(index));
            return ref _items[index];
        }
    }
}
