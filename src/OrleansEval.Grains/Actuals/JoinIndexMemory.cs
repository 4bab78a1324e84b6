using System.Runtime.InteropServices;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// Zeroed memory outside the managed heap for one epoch of a join shard's index (<see cref="JoinSegmentEpoch"/>),
/// given back the moment it is disposed: from <see cref="MappedFrom"/> bytes up, on Linux, an anonymous mapping of its
/// own, which the operating system takes back whole (the C allocator would keep freed blocks for itself, and raises its
/// threshold for mapping a block of its own after each one it frees); smaller blocks, and every block elsewhere, from
/// the C allocator, which reuses small ones and maps large ones on their own. The index is the one structure
/// of a shard that grows with the traffic, and an epoch is rebuilt larger each time it merges: on the managed heap,
/// each merge left the epochs it replaced as free space in generation 2, which the collector kept committed, so the
/// process's resident memory grew in steps several times the index's own (docs/benchmarks.md, "Rows, examples and
/// worst slices at volume"). An epoch disposes its memory when it is merged into another or expires, and a shard all of
/// its epochs when it deactivates or its activation fails; one dropped any other way is finalized.
/// </summary>
internal sealed partial class JoinIndexMemory : SafeHandle
{
    // PROT_READ | PROT_WRITE, and MAP_PRIVATE | MAP_ANONYMOUS as Linux defines them on x64 and Arm64.
    private const int ReadWrite = 0x1 | 0x2;
    private const int PrivateAnonymous = 0x02 | 0x20;

    /// <summary>The smallest block mapped on its own (on Linux): a whole number of pages, so smaller blocks would waste a part of a page each.</summary>
    public const long MappedFrom = 256 * 1024;

    private static long s_outstanding;

    private JoinIndexMemory(long bytes)
        : base(0, ownsHandle: true)
    {
        Bytes = bytes;
    }

    /// <summary>Bytes held: what was asked for, rounded up to whole pages when mapped on its own.</summary>
    public long Bytes { get; }

    /// <summary>The first byte, aligned at least to 16 bytes.</summary>
    public nint Address => handle;

    /// <summary>Bytes of every index memory of the process not yet given back.</summary>
    public static long Outstanding => Interlocked.Read(ref s_outstanding);

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    // A block is mapped on its own exactly when it is this large and the system maps (an unmapped one is never rounded up).
    private bool Mapped => Bytes >= MappedFrom && MapsItsOwn;

    /// <summary>At least <paramref name="bytes"/> of zeroed memory; throws <see cref="OutOfMemoryException"/> (or its <see cref="InsufficientMemoryException"/>, for a mapping) when the system has none.</summary>
    public static unsafe JoinIndexMemory Allocate(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        var mapped = bytes >= MappedFrom && MapsItsOwn;
        var page = Environment.SystemPageSize;
        var size = mapped ? (bytes + page - 1) / page * page : bytes;

        // The handle first, so that once the block is allocated nothing can fail before the handle owns it.
        var memory = new JoinIndexMemory(size);
        nint address;
        if (mapped)
        {
            address = Map(0, (nuint)size, ReadWrite, PrivateAnonymous, -1, 0);
            if (address == -1)
            {
                throw new InsufficientMemoryException($"the join's index could not map {size} bytes (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        else
        {
            address = (nint)NativeMemory.AllocZeroed((nuint)size);
        }

        memory.SetHandle(address);
        Interlocked.Add(ref s_outstanding, size);
        return memory;
    }

    /// <inheritdoc />
    protected override unsafe bool ReleaseHandle()
    {
        if (Mapped)
        {
            if (Unmap(handle, (nuint)Bytes) != 0)
            {
                return false;
            }
        }
        else
        {
            NativeMemory.Free((void*)handle);
        }

        Interlocked.Add(ref s_outstanding, -Bytes);
        return true;
    }

    private static bool MapsItsOwn =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Map(nint address, nuint length, int protection, int flags, int descriptor, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Unmap(nint address, nuint length);
}
