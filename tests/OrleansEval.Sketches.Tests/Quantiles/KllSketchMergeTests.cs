using OrleansEval.Sketches.Quantiles;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Quantiles;

public class KllSketchMergeTests
{
    [Fact]
    public void Merge_ExactSketches_IsAssociativeAndCommutative()
    {
        var (a, b, c) = (Build(1, 150), Build(2, 100), Build(3, 200));

        var left = Merged(Merged(a, b), c);
        var right = Merged(a, Merged(b, c));
        var swapped = Merged(Merged(c, a), b);

        Assert.True(left.IsExact);
        Assert.Equal(left.Serialize(), right.Serialize());
        Assert.Equal(left.Serialize(), swapped.Serialize());
        Assert.Equal(Merged(a, b).Serialize(), Merged(b, a).Serialize());
    }

    [Fact]
    public void Merge_ExactSketches_EqualsSketchOfUnion()
    {
        var union = new KllSketch();
        var parts = new[] { new KllSketch(), new KllSketch(), new KllSketch() };
        var random = new DeterministicRandom(4);
        for (var i = 0; i < 450; i++)
        {
            var value = random.NextInt(30);
            union.Update(value);
            parts[i % 3].Update(value);
        }

        var merged = Merged(Merged(parts[0], parts[1]), parts[2]);

        Assert.Equal(union.Serialize(), merged.Serialize());
    }

    [Theory]
    [InlineData(100)]
    [InlineData(20_000)]
    public void Merge_WithEmptySketch_IsNeutral(int count)
    {
        var sketch = Build(5, count);
        var empty = new KllSketch();

        Assert.Equal(sketch.Serialize(), Merged(sketch, empty).Serialize());
        Assert.Equal(sketch.Serialize(), Merged(empty, sketch).Serialize());
    }

    [Fact]
    public void Merge_ManyExactHourlySketchesIntoLargeExactCapacity_GivesExactUnion()
    {
        var receiver = new KllSketch(exactCapacity: 100_000);
        var all = new List<double>();
        var random = new DeterministicRandom(6);
        for (var hour = 0; hour < 72; hour++)
        {
            var hourly = new KllSketch();
            for (var i = 0; i < 500; i++)
            {
                var value = Math.Round(random.NextNormal() * 10, 2);
                hourly.Update(value);
                all.Add(value);
            }

            Assert.True(hourly.IsExact);
            receiver.Merge(hourly);
        }

        var view = receiver.GetSortedView();
        var expected = QuantileSortedView.FromSample(all.ToArray());

        Assert.True(receiver.IsExact);
        Assert.Equal(36_000, receiver.Count);
        Assert.Equal(expected.TotalWeight, view.TotalWeight);
        var distinct = all.Distinct().Order().ToArray();
        Assert.Equal(distinct, view.Values.ToArray());
        foreach (var x in distinct)
        {
            Assert.Equal(expected.WeightBelow(x), view.WeightBelow(x));
        }
    }

    [Fact]
    public void Merge_ExactSketchesBeyondReceiversCapacity_BecomesApproximate()
    {
        var a = Build(7, 400);
        var b = Build(8, 400);

        var merged = Merged(a, b);

        Assert.False(merged.IsExact);
        Assert.Equal(800, merged.Count);
        Assert.True(merged.RetainedCount < 800);
        Assert.Equal(Math.Min(a.MinValue, b.MinValue), merged.MinValue);
        Assert.Equal(Math.Max(a.MaxValue, b.MaxValue), merged.MaxValue);
    }

    [Fact]
    public void Merge_ApproximateSketches_IsCommutativeByteForByte()
    {
        var a = Build(9, 30_000);
        var b = Build(10, 70_000);

        Assert.Equal(Merged(a, b).Serialize(), Merged(b, a).Serialize());
    }

    [Fact]
    public void Merge_ApproximateSketchesInAnyGrouping_StaysWithinErrorBoundOfUnion()
    {
        var random = new DeterministicRandom(11);
        var sketches = new KllSketch[3];
        var all = new List<double>();
        for (var s = 0; s < sketches.Length; s++)
        {
            sketches[s] = new KllSketch();
            for (var i = 0; i < 100_000; i++)
            {
                var value = (random.NextNormal() * (s + 1)) + s;
                sketches[s].Update(value);
                all.Add(value);
            }
        }

        var sorted = all.ToArray();
        Array.Sort(sorted);
        var bound = KllSketch.NormalizedRankError(KllSketch.DefaultK);
        var groupings = new[]
        {
            Merged(Merged(sketches[0], sketches[1]), sketches[2]),
            Merged(sketches[0], Merged(sketches[1], sketches[2])),
            Merged(Merged(sketches[2], sketches[0]), sketches[1]),
        };

        foreach (var merged in groupings)
        {
            Assert.Equal(sorted.Length, merged.Count);
            Assert.Equal(sorted[0], merged.MinValue);
            Assert.Equal(sorted[^1], merged.MaxValue);
            Assert.InRange(merged.RankErrorBound(), 0, bound);
            Assert.InRange(KllAccuracy.MaxRankError(merged, sorted, 200), 0, bound);
        }
    }

    [Fact]
    public void Merge_ReceiverParameters_AreKept()
    {
        var receiver = new KllSketch(k: 100, exactCapacity: 1000);
        receiver.Merge(Build(12, 5000));

        Assert.Equal(100, receiver.K);
        Assert.Equal(1000, receiver.ExactCapacity);
        Assert.Equal(5000, receiver.Count);
    }

    [Fact]
    public void Merge_WithItself_DoublesEveryWeight()
    {
        var sketch = Build(13, 100);
        var before = sketch.GetSortedView();

        sketch.Merge(sketch);
        var after = sketch.GetSortedView();

        Assert.Equal(200, sketch.Count);
        Assert.Equal(before.Values.ToArray(), after.Values.ToArray());
        Assert.Equal(before.CumulativeWeights.ToArray().Select(w => 2 * w), after.CumulativeWeights.ToArray());
    }

    private static KllSketch Build(ulong seed, int count)
    {
        var random = new DeterministicRandom(seed);
        var sketch = new KllSketch();
        for (var i = 0; i < count; i++)
        {
            sketch.Update(random.NextInt(1000) / 10.0);
        }

        return sketch;
    }

    private static KllSketch Merged(KllSketch left, KllSketch right)
    {
        var result = left.Clone();
        result.Merge(right);
        return result;
    }
}
