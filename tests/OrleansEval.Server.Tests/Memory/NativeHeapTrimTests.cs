using System.Globalization;
using System.Runtime.InteropServices;
using OrleansEval.Server.Memory;

namespace OrleansEval.Server.Tests.Memory;

/// <summary>
/// The server gives the C library's free pages back: glibc keeps a freed buffer's pages resident in its arena until
/// something trims it, and raises the sizes past which it maps a buffer on its own or trims an arena's top as larger
/// buffers are freed, so native buffers freed by the compression of stored segments stayed part of the resident set,
/// at each arena's high-water mark, growing with the volume of predictions.
/// Not run in parallel with other classes: the mappings read in /proc/self/smaps are the whole process's.
/// </summary>
[Collection(Name)]
public sealed class NativeHeapTrimTests
{
    /// <summary>The collection that keeps these tests from running beside others.</summary>
    public const string Name = "native heap";

    private const int Blocks = 512;

    // Under glibc's smallest threshold for mapping a buffer on its own (128 KiB), so every block comes from an arena.
    private const int BlockBytes = 64 * 1024;

    // Most of the 32 MiB freed: the arena's own bookkeeping and other threads' buffers in it stay.
    private const long MostOfTheFreed = 24L * 1024 * 1024;

    private const int LargeBufferBytes = 4 * 1024 * 1024;

    // 128 MiB in all, twice the largest heap a thread's arena grows in one piece (64 MiB); not touched, so not resident.
    private const int Probes = 32;

    [GlibcFact]
    public void TrimNative_AfterNativeBuffersAreFreed_GivesTheirPagesBack()
    {
        Assert.True(NativeHeap.IsAvailable);
        using var standalone = new StandaloneGovernor();
        var governor = standalone.Governor;
        (long Freed, long Trimmed) resident = default;

        // One thread of its own, so the blocks lie one after another in the arena that thread is given.
        var thread = new Thread(() => resident = FreeThenTrim(governor));
        thread.Start();
        thread.Join();

        Assert.True(resident.Freed >= MostOfTheFreed, $"freed blocks were not resident before the trim: {resident.Freed:N0} bytes");
        Assert.True(resident.Freed - resident.Trimmed >= MostOfTheFreed,
            $"the trim gave back {resident.Freed - resident.Trimmed:N0} of {Blocks * (long)BlockBytes:N0} freed bytes ({resident.Freed:N0} resident before, {resident.Trimmed:N0} after)");
    }

    [GlibcFact]
    public void FixThresholds_AfterALargerBufferWasFreed_StillMapsBuffersOfMegabytesOnTheirOwn()
    {
        Assert.True(NativeHeap.FixThresholds());
        var mapped = 0;

        var thread = new Thread(() => mapped = MappedOnTheirOwnAfterALargerOne());
        thread.Start();
        thread.Join();

        Assert.True(mapped > 0, $"none of {Probes} buffers of {LargeBufferBytes:N0} bytes was mapped on its own: all came from an arena, where their pages stay resident once freed");
    }

    // glibc, left to itself, raises its mapping threshold to the size of the largest mapped buffer freed, so after a
    // 16 MiB buffer every 4 MiB one comes from an arena and stays resident there once freed. With the thresholds fixed, a
    // 4 MiB buffer is mapped on its own unless the arena already holds a free chunk that large: a thread shares its arena
    // with others once there are eight a core, and what they freed may serve the first few. So the probe takes more
    // buffers than an arena's free space holds and counts those glibc mapped on their own: a chunk glibc mapped has the
    // second bit of its size word, just before the buffer, set (IS_MMAPPED). Left unfixed, the count is 0.
    private static int MappedOnTheirOwnAfterALargerOne()
    {
        Marshal.FreeHGlobal(Touched(4 * LargeBufferBytes));
        var buffers = new IntPtr[Probes];
        try
        {
            for (var i = 0; i < Probes; i++)
            {
                buffers[i] = Marshal.AllocHGlobal(LargeBufferBytes);
            }

            return buffers.Count(buffer => (Marshal.ReadInt64(buffer, -sizeof(long)) & 2) != 0);
        }
        finally
        {
            foreach (var buffer in buffers.Where(b => b != IntPtr.Zero))
            {
                Marshal.FreeHGlobal(buffer);
            }
        }
    }

    private static IntPtr Touched(int bytes)
    {
        var buffer = Marshal.AllocHGlobal(bytes);
        for (var offset = 0; offset < bytes; offset += Environment.SystemPageSize)
        {
            Marshal.WriteByte(buffer, offset, 1);
        }

        return buffer;
    }

    // Allocates and writes the blocks, keeps one more after them so that freeing them leaves no free top for glibc to
    // give back on its own, frees them, and reads the resident bytes of the mappings that held them, then trims.
    private static (long Freed, long Trimmed) FreeThenTrim(HeapGovernor governor)
    {
        var blocks = new IntPtr[Blocks];
        for (var i = 0; i < Blocks; i++)
        {
            blocks[i] = Touched(BlockBytes);
        }

        var after = Marshal.AllocHGlobal(BlockBytes);
        try
        {
            foreach (var block in blocks)
            {
                Marshal.FreeHGlobal(block);
            }

            var freed = ResidentBytesOfMappingsHolding(blocks);
            governor.TrimNative();
            return (freed, ResidentBytesOfMappingsHolding(blocks));
        }
        finally
        {
            Marshal.FreeHGlobal(after);
        }
    }

    // The resident bytes of the process's mappings (/proc/self/smaps) that contain any of the addresses.
    private static long ResidentBytesOfMappingsHolding(IntPtr[] addresses)
    {
        var wanted = addresses.Select(a => (ulong)a.ToInt64()).Order().ToArray();
        var (start, end, total) = (0UL, 0UL, 0L);
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var from)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var to))
            {
                (start, end) = (from, to);
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal) && Holds(wanted, start, end))
            {
                total += long.Parse(line.AsSpan(4).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        return total;
    }

    private static bool Holds(ulong[] sorted, ulong start, ulong end)
    {
        var index = Array.BinarySearch(sorted, start);
        index = index < 0 ? ~index : index;
        return index < sorted.Length && sorted[index] < end;
    }
}

/// <summary>Runs only where the process's C library is glibc, whose heap the server trims; skipped elsewhere.</summary>
internal sealed class GlibcFactAttribute : FactAttribute
{
    public GlibcFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var glibc)
            || !NativeLibrary.TryGetExport(glibc, "gnu_get_libc_version", out _))
        {
            Skip = "the C library is not glibc";
        }
    }
}
