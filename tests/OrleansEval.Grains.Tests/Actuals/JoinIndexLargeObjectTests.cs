using OrleansEval.Grains.Actuals;

namespace OrleansEval.Grains.Tests.Actuals;

/// <summary>
/// The join's index allocates nothing on the large object heap, however large its epochs grow, so that epochs rebuilt
/// larger as they merge leave no holes there: checked on the epochs' own arrays, and on the runtime's allocation events
/// of the thread that builds them (every large-object allocation of 100 kB or more raises one).
/// </summary>
[Collection(JoinIndexLargeObjectCollection.Name)]
public sealed class JoinIndexLargeObjectTests
{
    private static readonly DateTimeOffset Start = new(2032, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_OfAMillionIds_AllocatesNoLargeObject()
    {
        using var listener = new LargeAllocations();

        // A large array of a type the index never uses marks this thread's events, before and after the build.
        var first = listener.Mark(() => new long[40_000]);
        var epochs = Build(segments: 300);
        var last = listener.Mark(() => new long[40_001]);

        var large = listener.Between(first, last);
        Assert.True(large.Count == 0, "large objects allocated: " + string.Join(", ", large));
        Assert.InRange(epochs.Bytes, 2_000_000, 3L * 300 * 4_096);
    }

    [Fact]
    public void LargestArray_OfEveryEpochAsTheyMerge_IsBelowTheLargeObjectThreshold()
    {
        var random = new Random(85_000);
        var held = new List<JoinSegmentFilter>();
        for (var number = 0; number < 150; number++)
        {
            var filter = Filter(number, random);
            held.Add(filter);
            var epoch = JoinSegmentEpoch.Of(filter);
            Assert.True(epoch.LargestArrayBytes < JoinIndexArray<ulong>.LargeObjectThreshold);
        }

        // One epoch of every pair, merged pairwise up a tree as the shard's epochs grow: 614,400 pairs at the top.
        var level = held.Select(JoinSegmentEpoch.Of).ToList();
        while (level.Count > 1)
        {
            level = [.. level.Chunk(2).Select(p => p.Length == 1 ? p[0] : JoinSegmentEpoch.Merge(p[0], p[1], _ => true))];
            Assert.All(level, e => Assert.True(e.LargestArrayBytes < JoinIndexArray<ulong>.LargeObjectThreshold, $"{e.LargestArrayBytes} bytes"));
        }

        Assert.Equal(held.Sum(f => f.Hashes.Distinct().Count()), level[0].Count);
        Assert.True(level[0].Bytes > 1_000_000, $"{level[0].Bytes} bytes");
    }

    [Fact]
    public void Indexer_AcrossChunkBoundaries_KeepsEveryElement()
    {
        var length = (3L * JoinIndexArray<ulong>.ChunkBytes / sizeof(ulong)) + 5;
        var array = new JoinIndexArray<ulong>(length);
        for (var i = 0L; i < length; i++)
        {
            array[i] = (ulong)(i * 2_654_435_761L);
        }

        for (var i = 0L; i < length; i++)
        {
            Assert.Equal((ulong)(i * 2_654_435_761L), array[i]);
        }

        Assert.Equal(length, array.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => new JoinIndexArray<ulong>((JoinIndexArray<ulong>.MaxBytes / sizeof(ulong)) + 1));
    }

    private static JoinSegmentEpochs Build(int segments)
    {
        var random = new Random(11);
        var epochs = new JoinSegmentEpochs(TimeSpan.FromDays(1));
        for (var number = 0; number < segments; number++)
        {
            epochs.Add(Filter(number, random), _ => true);
        }

        return epochs;
    }

    private static JoinSegmentFilter Filter(int number, Random random)
    {
        uint[] hashes = [.. Enumerable.Range(0, 4_096).Select(_ => (uint)random.NextInt64(0, 1L << 32)).Order()];
        return new() { Number = number, FirstArrival = Start, LastArrival = Start, Rows = hashes.Length, Hashes = hashes };
    }
}
