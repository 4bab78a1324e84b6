using OrleansEval.Sketches.Categories;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Categories;

public class CategoryCountsTests
{
    [Fact]
    public void Update_FewCategories_CountsExactly()
    {
        var counts = new CategoryCounts();
        counts.Update("b");
        counts.Update("a", 3);
        counts.Update("b");
        counts.Update(string.Empty, 2);

        Assert.True(counts.IsExact);
        Assert.Equal(7, counts.Count);
        Assert.Equal(0, counts.OtherCount);
        Assert.Equal(3, counts.DistinctCount);
        Assert.Equal(3, counts.CountOf("a"));
        Assert.Equal(2, counts.CountOf("b"));
        Assert.Equal(0, counts.CountOf("B"));
        Assert.Equal(
            [new(string.Empty, 2), new("a", 3), new("b", 2)],
            counts.GetSortedCounts());
    }

    [Fact]
    public void Update_InvalidArguments_ThrowAndLeaveCountsUnchanged()
    {
        var counts = new CategoryCounts();
        counts.Update("a");

        Assert.Throws<ArgumentOutOfRangeException>(() => counts.Update("a", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => counts.Update("a", -1));
        Assert.Throws<ArgumentNullException>(() => counts.Update(null!));
        Assert.Throws<ArgumentException>(() => counts.Update("bad \uD800 surrogate"));
        Assert.Throws<OverflowException>(() => counts.Update("a", long.MaxValue));

        Assert.Equal(1, counts.Count);
        Assert.Single(counts.Counts);
        Assert.Equal(1, counts.CountOf("a"));
    }

    [Fact]
    public void Update_CapExceeded_BecomesInexactWithCountsSummingToCount()
    {
        var counts = new CategoryCounts(maxExactCategories: 10);
        for (var i = 0; i < 10; i++)
        {
            counts.Update($"c{i}", 5);
        }

        Assert.True(counts.IsExact);
        counts.Update("one too many");

        Assert.False(counts.IsExact);
        Assert.NotNull(counts.DistinctEstimator);
        Assert.Equal(51, counts.Count);
        Assert.Equal(counts.Count, counts.Counts.Values.Sum() + counts.OtherCount);
    }

    [Theory]
    [InlineData(10, 1.1)]
    [InlineData(50, 0.8)]
    [InlineData(200, 1.3)]
    public void Update_ZipfStream_MisraGriesGuaranteesHold(int cap, double skew)
    {
        var random = new DeterministicRandom((ulong)cap);
        var draw = DeterministicRandom.Zipf(5000, skew);
        var counts = new CategoryCounts(maxExactCategories: cap);
        var truth = new Dictionary<string, long>();
        for (var i = 0; i < 100_000; i++)
        {
            var category = $"item-{draw(random)}";
            var weight = 1 + random.NextInt(3);
            counts.Update(category, weight);
            truth[category] = truth.GetValueOrDefault(category) + weight;
        }

        AssertMisraGries(counts, truth, cap);
    }

    [Fact]
    public void Merge_OfZipfPartitions_MisraGriesGuaranteesHoldForUnion()
    {
        const int cap = 40;
        var random = new DeterministicRandom(77);
        var draw = DeterministicRandom.Zipf(3000, 1.0);
        var parts = Enumerable.Range(0, 5).Select(_ => new CategoryCounts(maxExactCategories: cap)).ToArray();
        var truth = new Dictionary<string, long>();
        for (var i = 0; i < 60_000; i++)
        {
            var category = $"item-{draw(random)}";
            parts[random.NextInt(parts.Length)].Update(category);
            truth[category] = truth.GetValueOrDefault(category) + 1;
        }

        var merged = new CategoryCounts(maxExactCategories: cap);
        foreach (var part in parts)
        {
            merged.Merge(part);
        }

        AssertMisraGries(merged, truth, cap);
        Assert.InRange(merged.Counts.Count, 0, cap);
    }

    [Fact]
    public void Merge_ExactCounts_IsAssociativeAndCommutative()
    {
        var (a, b, c) = (Build(1, 40, 300), Build(2, 60, 200), Build(3, 25, 500));

        var left = Merged(Merged(a, b), c);
        var right = Merged(a, Merged(b, c));

        Assert.True(left.IsExact);
        Assert.Equal(left.Serialize(), right.Serialize());
        Assert.Equal(Merged(a, b).Serialize(), Merged(b, a).Serialize());
        Assert.Equal(a.Count + b.Count + c.Count, left.Count);
    }

    [Fact]
    public void Merge_InexactCounts_IsCommutativeByteForByte()
    {
        var (a, b) = (Build(4, 500, 5000, cap: 50), Build(5, 800, 7000, cap: 50));

        Assert.False(a.IsExact);
        Assert.Equal(Merged(a, b).Serialize(), Merged(b, a).Serialize());
    }

    [Fact]
    public void Merge_ExactCountsWhoseUnionExceedsCap_BecomesInexactAndKeepsEveryDistinctValue()
    {
        var a = Build(6, 30, 300, cap: 40);
        var b = Build(7, 30, 300, cap: 40, prefix: "other");

        var merged = Merged(a, b);

        Assert.False(merged.IsExact);
        Assert.Equal(a.Count + b.Count, merged.Count);
        Assert.InRange(merged.Counts.Count, 0, 40);
        Assert.Equal(merged.Count, merged.Counts.Values.Sum() + merged.OtherCount);
        Assert.InRange(merged.DistinctCount, 58, 62);
    }

    [Fact]
    public void Merge_WithEmpty_IsNeutral()
    {
        foreach (var counts in new[] { Build(8, 20, 100), Build(9, 300, 3000, cap: 30) })
        {
            var empty = new CategoryCounts(counts.MaxExactCategories);
            Assert.Equal(counts.Serialize(), Merged(counts, empty).Serialize());
            Assert.Equal(counts.Serialize(), Merged(empty, counts).Serialize());
        }
    }

    [Fact]
    public void DistinctCount_HundredThousandDistinct_WithinFewPercent()
    {
        var counts = new CategoryCounts();
        for (var i = 0; i < 100_000; i++)
        {
            counts.Update($"user-{i}");
            counts.Update($"user-{i / 2}");
        }

        Assert.False(counts.IsExact);
        Assert.InRange(counts.DistinctCount, 95_000, 105_000);
        Assert.Equal(200_000, counts.Count);
        Assert.Equal(counts.Count, counts.Counts.Values.Sum() + counts.OtherCount);
    }

    [Fact]
    public void Update_KnownCategory_DoesNotAllocate()
    {
        var counts = new CategoryCounts();
        var categories = Enumerable.Range(0, 100).Select(i => $"category-{i}").ToArray();
        foreach (var category in categories)
        {
            counts.Update(category);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            counts.Update(categories[i % categories.Length]);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(100_100, counts.Count);
    }

    [Fact]
    public void Serialize_RoundTrip_PreservesCountsAndIsOrdinalOrdered()
    {
        foreach (var counts in new[] { new CategoryCounts(), Build(10, 50, 400), Build(11, 400, 4000, cap: 30) })
        {
            var bytes = counts.Serialize();
            var restored = CategoryCounts.Deserialize(bytes);

            Assert.Equal(bytes, restored.Serialize());
            Assert.Equal(counts.Count, restored.Count);
            Assert.Equal(counts.OtherCount, restored.OtherCount);
            Assert.Equal(counts.IsExact, restored.IsExact);
            Assert.Equal(counts.DistinctCount, restored.DistinctCount);
            Assert.Equal(counts.GetSortedCounts(), restored.GetSortedCounts());
        }
    }

    [Fact]
    public void Serialize_SameCountsInDifferentOrder_GivesSameBytes()
    {
        var forward = new CategoryCounts();
        var backward = new CategoryCounts();
        var names = new[] { "zeta", "alpha", "Äpfel", "beta", "日本", "Zeta" };
        foreach (var name in names)
        {
            forward.Update(name, name.Length);
        }

        foreach (var name in names.Reverse())
        {
            backward.Update(name, name.Length);
        }

        Assert.Equal(forward.Serialize(), backward.Serialize());
    }

    private static void AssertMisraGries(CategoryCounts counts, Dictionary<string, long> truth, int cap)
    {
        var total = truth.Values.Sum();
        Assert.False(counts.IsExact);
        Assert.Equal(total, counts.Count);
        Assert.Equal(total, counts.Counts.Values.Sum() + counts.OtherCount);
        Assert.InRange(counts.MaximumUnderestimate, 1, total / (cap + 1));
        Assert.InRange(counts.MaximumUnderestimate, 1, counts.OtherCount / (cap + 1));
        foreach (var (category, frequency) in truth)
        {
            var estimate = counts.CountOf(category);
            Assert.InRange(estimate, 0, frequency);
            Assert.InRange(frequency - estimate, 0, counts.MaximumUnderestimate);
            Assert.InRange(frequency, estimate, counts.CountUpperBound(category));
            if (frequency > total / (cap + 1))
            {
                Assert.True(counts.Counts.ContainsKey(category), $"Heavy hitter {category} ({frequency}) is not tracked.");
            }
        }

        foreach (var category in counts.Counts.Keys)
        {
            Assert.True(truth.ContainsKey(category));
        }
    }

    private static CategoryCounts Build(ulong seed, int distinct, int updates, int cap = CategoryCounts.DefaultMaxExactCategories, string prefix = "c")
    {
        var random = new DeterministicRandom(seed);
        var counts = new CategoryCounts(cap);
        for (var i = 0; i < distinct; i++)
        {
            counts.Update($"{prefix}{i}");
        }

        for (var i = distinct; i < updates; i++)
        {
            counts.Update($"{prefix}{random.NextInt(random.NextInt(distinct) + 1)}", 1 + random.NextInt(2));
        }

        return counts;
    }

    private static CategoryCounts Merged(CategoryCounts left, CategoryCounts right)
    {
        var result = left.Clone();
        result.Merge(right);
        return result;
    }
}
