using OrleansEval.Sketches.Moments;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Moments;

public class RunningMomentsTests
{
    [Fact]
    public void Properties_KnownSample_MatchTextbookValues()
    {
        var moments = Build(2, 4, 4, 4, 5, 5, 7, 9);

        Assert.Equal(8, moments.Count);
        Assert.Equal(5, moments.Mean, 14);
        Assert.Equal(4, moments.Variance, 14);
        Assert.Equal(32.0 / 7, moments.SampleVariance, 14);
        Assert.Equal(2, moments.StandardDeviation, 14);
        Assert.Equal(2, moments.Min);
        Assert.Equal(9, moments.Max);
    }

    [Fact]
    public void Properties_Empty_AreNaN()
    {
        var moments = new RunningMoments();

        Assert.True(moments.IsEmpty);
        Assert.True(double.IsNaN(moments.Mean));
        Assert.True(double.IsNaN(moments.Variance));
        Assert.True(double.IsNaN(moments.SampleVariance));
        Assert.True(double.IsNaN(moments.StandardDeviation));
        Assert.True(double.IsNaN(moments.Min));
        Assert.True(double.IsNaN(moments.Max));
    }

    [Fact]
    public void SampleVariance_SingleValue_IsNaNWhilePopulationVarianceIsZero()
    {
        var moments = Build(3);

        Assert.Equal(0, moments.Variance);
        Assert.True(double.IsNaN(moments.SampleVariance));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Update_NonFiniteValue_Throws(double value)
    {
        var moments = Build(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => moments.Update(value));
        Assert.Equal(1, moments.Count);
    }

    [Fact]
    public void Update_LargeOffset_KeepsVarianceAccurate()
    {
        // The naive sum-of-squares formula loses every digit here.
        var moments = Build(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16);

        Assert.Equal(1e9 + 10, moments.Mean, 6);
        Assert.Equal(22.5, moments.Variance, 9);
    }

    [Fact]
    public void Merge_OfPartitions_EqualsTwoPassStatisticsOfUnion()
    {
        var random = new DeterministicRandom(1);
        var values = Enumerable.Range(0, 10_000).Select(_ => (random.NextNormal() * 3) + 100).ToArray();
        var parts = new[] { new RunningMoments(), new RunningMoments(), new RunningMoments() };
        for (var i = 0; i < values.Length; i++)
        {
            parts[random.NextInt(3)].Update(values[i]);
        }

        var merged = parts[0].Clone();
        merged.Merge(parts[1]);
        merged.Merge(parts[2]);

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        Assert.Equal(values.Length, merged.Count);
        Assert.Equal(mean, merged.Mean, 10);
        Assert.Equal(variance, merged.Variance, 9);
        Assert.Equal(variance * values.Length / (values.Length - 1), merged.SampleVariance, 9);
        Assert.Equal(values.Min(), merged.Min);
        Assert.Equal(values.Max(), merged.Max);
    }

    [Fact]
    public void Merge_IsCommutativeByteForByte()
    {
        var (a, b) = (Random(2, 300), Random(3, 700));

        Assert.Equal(Merged(a, b).Serialize(), Merged(b, a).Serialize());
    }

    [Fact]
    public void Merge_IsAssociativeUpToRounding()
    {
        var (a, b, c) = (Random(4, 100), Random(5, 1000), Random(6, 10));

        var left = Merged(Merged(a, b), c);
        var right = Merged(a, Merged(b, c));

        Assert.Equal(left.Count, right.Count);
        Assert.Equal(left.Mean, right.Mean, 12);
        Assert.Equal(left.Variance, right.Variance, 12);
        Assert.Equal(left.Min, right.Min);
        Assert.Equal(left.Max, right.Max);
    }

    [Fact]
    public void Merge_WithEmpty_IsNeutral()
    {
        var moments = Random(7, 50);
        var empty = new RunningMoments();

        Assert.Equal(moments.Serialize(), Merged(moments, empty).Serialize());
        Assert.Equal(moments.Serialize(), Merged(empty, moments).Serialize());
    }

    [Fact]
    public void Serialize_RoundTrip_PreservesEveryField()
    {
        foreach (var moments in new[] { new RunningMoments(), Build(1.5), Random(8, 999) })
        {
            var bytes = moments.Serialize();
            var restored = RunningMoments.Deserialize(bytes);

            Assert.Equal(42, bytes.Length);
            Assert.Equal(bytes, restored.Serialize());
            Assert.Equal(moments.Count, restored.Count);
            Assert.Equal(moments.Mean, restored.Mean);
            Assert.Equal(moments.Variance, restored.Variance);
        }
    }

    private static RunningMoments Build(params double[] values)
    {
        var moments = new RunningMoments();
        foreach (var value in values)
        {
            moments.Update(value);
        }

        return moments;
    }

    private static RunningMoments Random(ulong seed, int count)
    {
        var random = new DeterministicRandom(seed);
        return Build(Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 50) - 10).ToArray());
    }

    private static RunningMoments Merged(RunningMoments left, RunningMoments right)
    {
        var result = left.Clone();
        result.Merge(right);
        return result;
    }
}
