namespace OrleansEval.Server.Tests.Memory;

/// <summary>
/// A compaction by the heap governor leaves no holes in the large object heap, which the collector never compacts
/// unless asked: without it, the holes of large buffers that died between live ones stay free space of the process.
/// </summary>
public sealed class HeapGovernorCompactionTests
{
    private const int Arrays = 32;
    private const int ArrayBytes = 1024 * 1024;

    // Most of the 16 holes: the test process's other allocations may have taken a few by the time the heap is read.
    private const long Holes = 12L * ArrayBytes;

    [Fact]
    public void Compact_WithHolesBetweenLiveLargeArrays_GivesTheHolesBack()
    {
        using var standalone = new StandaloneGovernor();
        var governor = standalone.Governor;
        var arrays = new byte[]?[Arrays];
        for (var i = 0; i < Arrays; i++)
        {
            arrays[i] = new byte[ArrayBytes];
        }

        // Every other array dies between two live ones: a full collection that does not compact sweeps them into holes.
        for (var i = 0; i < Arrays; i += 2)
        {
            arrays[i] = null;
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        var holes = LargeObjectHeapFree();
        Assert.True(holes >= Holes, $"{holes} bytes free in the large object heap before");

        governor.Compact(TimeProvider.System.GetUtcNow());

        var after = LargeObjectHeapFree();
        Assert.True(after <= holes - Holes, $"{holes} bytes free in the large object heap before, {after} after");
        GC.KeepAlive(arrays);
    }

    private static long LargeObjectHeapFree() => GC.GetGCMemoryInfo(GCKind.FullBlocking).GenerationInfo[3].FragmentationAfterBytes;
}
