using OrleansEval.Sketches.Quantiles;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Quantiles;

public class KllSketchExactTests
{
    [Theory]
    [InlineData(7, 512)]
    [InlineData(65536, 70000)]
    [InlineData(200, 199)]
    [InlineData(200, KllSketch.MaximumExactCapacity + 1)]
    public void Constructor_ParametersOutOfRange_Throws(int k, int exactCapacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new KllSketch(k, exactCapacity));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Update_NonFiniteValue_ThrowsAndLeavesSketchUnchanged(double value)
    {
        var sketch = new KllSketch();
        sketch.Update(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Update(value));
        Assert.Equal(1, sketch.Count);
        Assert.Equal(1, sketch.MaxValue);
    }

    [Fact]
    public void Queries_EmptySketch_ReturnNaNAndZeroCounts()
    {
        var sketch = new KllSketch();

        Assert.True(sketch.IsEmpty);
        Assert.True(sketch.IsExact);
        Assert.Equal(0, sketch.Count);
        Assert.True(double.IsNaN(sketch.MinValue));
        Assert.True(double.IsNaN(sketch.MaxValue));
        Assert.True(double.IsNaN(sketch.Rank(1)));
        Assert.True(double.IsNaN(sketch.Quantile(0.5)));
        Assert.Equal([0.0, 0.0], sketch.BinCounts([1.0]));
        Assert.Equal(0, sketch.GetSortedView().Length);
    }

    [Fact]
    public void Update_UpToExactCapacity_StaysExact()
    {
        var sketch = new KllSketch(exactCapacity: 300);
        for (var i = 0; i < 300; i++)
        {
            sketch.Update(i);
        }

        Assert.True(sketch.IsExact);
        Assert.Equal(300, sketch.RetainedCount);
        Assert.Equal(0, sketch.RankErrorBound());
    }

    [Fact]
    public void Update_PastExactCapacity_BecomesApproximateForGood()
    {
        var sketch = new KllSketch(exactCapacity: 300);
        for (var i = 0; i < 301; i++)
        {
            sketch.Update(i);
        }

        Assert.False(sketch.IsExact);
        Assert.True(sketch.RetainedCount < 301);
        Assert.Equal(301, sketch.Count);
        Assert.Equal(301, sketch.GetSortedView().TotalWeight);
        Assert.True(sketch.RankErrorBound() > 0);

        for (var i = 0; i < 10_000; i++)
        {
            sketch.Update(i);
        }

        Assert.False(sketch.IsExact);
        Assert.False(KllSketch.Deserialize(sketch.Serialize()).IsExact);
    }

    [Fact]
    public void BinCounts_ExactSketch_EqualBruteForceCounts()
    {
        var random = new DeterministicRandom(11);
        var sketch = new KllSketch();
        var sample = new double[512];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = random.NextInt(40) / 4.0; // many ties, some on the split points
            sketch.Update(sample[i]);
        }

        double[] splits = [-1, 0, 1.25, 2.5, 2.75, 5, 9.75, 20];
        var counts = sketch.BinCounts(splits);

        Assert.True(sketch.IsExact);
        Assert.Equal(splits.Length + 1, counts.Length);
        for (var bin = 0; bin <= splits.Length; bin++)
        {
            var lower = bin == 0 ? double.NegativeInfinity : splits[bin - 1];
            var upper = bin == splits.Length ? double.PositiveInfinity : splits[bin];
            Assert.Equal(sample.Count(v => v >= lower && v < upper), counts[bin]);
        }

        Assert.Equal(sample.Length, counts.Sum());
    }

    [Fact]
    public void BinCounts_SplitPointsNotAscending_Throws()
    {
        var sketch = new KllSketch();
        sketch.Update(1);
        Assert.Throws<ArgumentException>(() => sketch.BinCounts([2.0, 1.0]));
        Assert.Throws<ArgumentException>(() => sketch.BinCounts([1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => sketch.BinCounts([double.NaN]));
    }

    [Fact]
    public void Rank_ExactSketch_EqualsFractionStrictlyBelow()
    {
        var random = new DeterministicRandom(12);
        var sketch = new KllSketch();
        var sample = new double[400];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = random.NextInt(100) - 50;
            sketch.Update(sample[i]);
        }

        for (var x = -52.0; x <= 52; x += 0.5)
        {
            Assert.Equal(sample.Count(v => v < x) / 400.0, sketch.Rank(x));
        }

        Assert.Equal(0, sketch.Rank(double.NegativeInfinity));
        Assert.Equal(1, sketch.Rank(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Rank(double.NaN));
    }

    [Fact]
    public void Quantile_ExactSketch_ReturnsOrderStatistics()
    {
        var random = new DeterministicRandom(13);
        var sketch = new KllSketch();
        var sample = new double[500];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = random.NextDouble();
            sketch.Update(sample[i]);
        }

        Array.Sort(sample);
        Assert.Equal(sample[0], sketch.Quantile(0));
        Assert.Equal(sample[^1], sketch.Quantile(1));
        for (var i = 1; i <= sample.Length; i++)
        {
            // The smallest value whose inclusive rank i/n reaches the query.
            Assert.Equal(sample[i - 1], sketch.Quantile((double)i / sample.Length));
            Assert.Equal(sample[i - 1], sketch.Quantile((i - 0.5) / sample.Length));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Quantile(double.NaN));
    }

    [Fact]
    public void GetSortedView_ExactSketch_IsTheSampleWithMultiplicities()
    {
        var sketch = new KllSketch();
        foreach (var value in new[] { 3.0, 1, 2, 3, 3, 1, -0.0, 0 })
        {
            sketch.Update(value);
        }

        var view = sketch.GetSortedView();

        Assert.Equal([0.0, 1, 2, 3], view.Values.ToArray());
        Assert.Equal([2L, 4, 5, 8], view.CumulativeWeights.ToArray());
        Assert.False(double.IsNegative(view.Values[0]), "Negative zero should be stored as zero.");
    }

    [Fact]
    public void MinAndMax_ApproximateSketch_AreExact()
    {
        var random = new DeterministicRandom(14);
        var sketch = new KllSketch();
        var min = double.MaxValue;
        var max = double.MinValue;
        for (var i = 0; i < 50_000; i++)
        {
            var value = random.NextNormal();
            min = Math.Min(min, value);
            max = Math.Max(max, value);
            sketch.Update(value);
        }

        Assert.False(sketch.IsExact);
        Assert.Equal(min, sketch.MinValue);
        Assert.Equal(max, sketch.MaxValue);
        Assert.Equal(min, sketch.Quantile(0));
        Assert.Equal(max, sketch.Quantile(1));
        Assert.Equal(50_000, sketch.GetSortedView().TotalWeight);
        Assert.Equal(50_000, sketch.BinCounts([-1.0, 0, 1]).Sum());
    }
}
