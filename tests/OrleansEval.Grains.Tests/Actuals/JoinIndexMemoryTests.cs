using OrleansEval.Grains.Actuals;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// The join's index lies outside the managed heap and gives its memory back as its epochs merge and expire, so that
/// epochs rebuilt larger leave no free space for the collector to keep: building and merging epochs allocates next to
/// nothing on the managed heap and no large object (checked on the runtime's allocation events of the thread that
/// builds them: every large-object allocation of 100 kB or more raises one), and the memory the index holds outside it
/// is exactly its live epochs'.
/// </summary>
[Collection(JoinIndexLargeObjectCollection.Name)]
public sealed class JoinIndexMemoryTests
{
    private static readonly DateTimeOffset Start = new(2032, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_OfAMillionIds_AllocatesNoLargeObject()
    {
        using var listener = new LargeAllocations();

        // A large array of a type the index never uses marks this thread's events, before and after the build.
        var first = listener.Mark(() => new long[40_000]);
        var epochs = Build(segments: 300, Start);
        var last = listener.Mark(() => new long[40_001]);

        var large = listener.Between(first, last);
        Assert.True(large.Count == 0, "large objects allocated: " + string.Join(", ", large));
        Assert.InRange(epochs.Bytes, 2_000_000, 4L * 300 * 4_096);
        epochs.Clear();
    }

    [Fact]
    public void Merge_OfTwoLargeEpochs_AllocatesAlmostNothingOnTheManagedHeap()
    {
        var random = new Random(85_000);
        var filters = Enumerable.Range(0, 160).Select(n => Filter(n, random, Start)).ToList();

        // Two epochs of 80 segments each, merged pairwise up a tree as a shard's epochs grow: 327,680 pairs each.
        var older = MergeAll(filters[..80]);
        var newer = MergeAll(filters[80..]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        using var merged = JoinSegmentEpoch.Merge(older, newer, _ => true);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(filters.Sum(f => f.Hashes.Zip(f.Checks).Distinct().Count()), merged.Count);
        Assert.True(merged.NativeBytes > 1_500_000, $"{merged.NativeBytes} bytes outside the heap");
        Assert.True(allocated < 16_384, $"{allocated} bytes allocated on the managed heap by a merge into {merged.NativeBytes} bytes");
        older.Dispose();
        newer.Dispose();
    }

    [Fact]
    public void Epochs_AsTheyMergeAndExpire_HoldExactlyTheLiveEpochsMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = JoinIndexMemory.Outstanding;

        // 300 segments merge into a few epochs: every epoch merged away has given its memory back.
        var epochs = Build(segments: 300, Start);
        var held = JoinIndexMemory.Outstanding - before;
        Assert.True(epochs.Count < 10, $"{epochs.Count} epochs");
        Assert.Equal(epochs.NativeBytes, held);

        // A second day's segments, then the first day's window passes: its epochs give their memory back.
        var later = new Random(12);
        for (var number = 300; number < 340; number++)
        {
            epochs.Add(Filter(number, later, Start.AddDays(2)), _ => true);
        }

        epochs.Expire(Start.AddDays(1), TimeSpan.FromDays(1));
        Assert.Equal(epochs.NativeBytes, JoinIndexMemory.Outstanding - before);
        Assert.True(epochs.NativeBytes < held / 5, $"{epochs.NativeBytes} bytes after expiry, {held} before");

        epochs.Clear();
        Assert.Equal(0, epochs.Count);
        Assert.Equal(before, JoinIndexMemory.Outstanding);
    }

    [Fact]
    public void Memory_IsZeroedReadAndWrittenWithinItsLengthAndGivenBack()
    {
        // Epochs other tests dropped undisposed are finalized first, so that none is during the test.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = JoinIndexMemory.Outstanding;
        var length = 70_000L;
        var memory = JoinIndexMemory.Allocate(JoinIndexArray<ulong>.BytesOf(length) + 3);
        Assert.InRange(memory.Bytes, (8 * length) + 3, (8 * length) + 3 + Environment.SystemPageSize);
        using (var small = JoinIndexMemory.Allocate(1_000))
        {
            Assert.Equal(1_000, small.Bytes);
            Assert.Equal(before + memory.Bytes + 1_000, JoinIndexMemory.Outstanding);
        }

        Assert.Equal(before + memory.Bytes, JoinIndexMemory.Outstanding);

        var array = new JoinIndexArray<ulong>(memory.Address, length);
        for (var i = 0L; i < length; i++)
        {
            Assert.Equal(0UL, array[i]);
            array[i] = (ulong)(i * 2_654_435_761L);
        }

        for (var i = 0L; i < length; i++)
        {
            Assert.Equal((ulong)(i * 2_654_435_761L), array[i]);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => array[length]);
        Assert.Throws<ArgumentOutOfRangeException>(() => array[-1]);
        memory.Dispose();
        Assert.Equal(before, JoinIndexMemory.Outstanding);
    }

    [Fact]
    public void Lookup_InADisposedEpoch_ThrowsRatherThanReadingMemoryGivenBack()
    {
        var filter = Filter(0, new Random(3), Start);
        var epoch = JoinSegmentEpoch.Of(filter);
        var found = new List<int>();
        var key = ((ulong)filter.Hashes[0] << JoinSegmentFilter.CheckBits) | filter.Checks[0];
        epoch.SegmentsOf(key, found);
        Assert.Equal(0, Assert.Single(found));

        epoch.Dispose();
        Assert.True(epoch.Disposed);
        Assert.Throws<ObjectDisposedException>(() => epoch.SegmentsOf(key, found));
    }

    private static JoinSegmentEpoch MergeAll(List<JoinSegmentFilter> filters)
    {
        var level = filters.Select(JoinSegmentEpoch.Of).ToList();
        while (level.Count > 1)
        {
            var next = new List<JoinSegmentEpoch>();
            foreach (var pair in level.Chunk(2))
            {
                next.Add(pair.Length == 1 ? pair[0] : JoinSegmentEpoch.Merge(pair[0], pair[1], _ => true));
                if (pair.Length == 2)
                {
                    pair[0].Dispose();
                    pair[1].Dispose();
                }
            }

            level = next;
        }

        return level[0];
    }

    private static JoinSegmentEpochs Build(int segments, DateTimeOffset arrival)
    {
        var random = new Random(11);
        var epochs = new JoinSegmentEpochs(TimeSpan.FromDays(1));
        for (var number = 0; number < segments; number++)
        {
            epochs.Add(Filter(number, random, arrival), _ => true);
        }

        return epochs;
    }

    private static JoinSegmentFilter Filter(int number, Random random, DateTimeOffset arrival)
    {
        ulong[] keys = [.. Enumerable.Range(0, 4_096).Select(_ => (ulong)random.NextInt64(0, 1L << 40)).Order()];
        return new()
        {
            Number = number,
            FirstArrival = arrival,
            LastArrival = arrival,
            Rows = keys.Length,
            Hashes = [.. keys.Select(k => (uint)(k >> JoinSegmentFilter.CheckBits))],
            Checks = [.. keys.Select(k => (byte)k)],
        };
    }
}
