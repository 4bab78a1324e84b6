using OrleansEval.Sketches.Quantiles;
using OrleansEval.Sketches.Tests.Serialization;
using Xunit.Abstractions;

namespace OrleansEval.Sketches.Tests.Quantiles;

public class KllSketchAccuracyTests(ITestOutputHelper output)
{
    private const int N = 1_000_000;

    public static TheoryData<string> Distributions => ["uniform", "normal", "lognormal", "discrete", "ascending", "descending"];

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Rank_MillionValues_StaysWithinStatedBound(string distribution)
    {
        var data = Generate(distribution, N, seed: 2024);
        var sketch = new KllSketch();
        foreach (var value in data)
        {
            sketch.Update(value);
        }

        Array.Sort(data);
        var measured = KllAccuracy.MaxRankError(sketch, data, points: 199);
        var bound = KllSketch.NormalizedRankError(KllSketch.DefaultK);
        output.WriteLine(
            $"{distribution}: max rank error {measured:F5} over 398 points; this sketch's bound {sketch.RankErrorBound():F5}; " +
            $"stated bound {bound:F5}; retained {sketch.RetainedCount} in {sketch.LevelCount} levels");

        Assert.False(sketch.IsExact);
        Assert.Equal(N, sketch.Count);
        Assert.InRange(sketch.RankErrorBound(), 0, bound);
        Assert.InRange(measured, 0, sketch.RankErrorBound());
    }

    [Fact]
    public void QuantileAndBinCounts_MillionValues_StayWithinStatedBound()
    {
        var data = Generate("normal", N, seed: 7);
        var sketch = new KllSketch();
        foreach (var value in data)
        {
            sketch.Update(value);
        }

        Array.Sort(data);
        var bound = sketch.RankErrorBound();
        for (var rank = 0.01; rank < 1; rank += 0.01)
        {
            // The true rank of the estimated quantile is close to the requested rank.
            var quantile = sketch.Quantile(rank);
            var below = (double)KllAccuracy.LowerBound(data, quantile) / N;
            var atOrBelow = (double)KllAccuracy.LowerBound(data, Math.BitIncrement(quantile)) / N;
            Assert.InRange(rank, below - bound, atOrBelow + bound);
        }

        double[] splits = [-2, -1, -0.5, 0, 0.5, 1, 2];
        var counts = sketch.BinCounts(splits);
        Assert.Equal(N, counts.Sum());
        for (var bin = 0; bin <= splits.Length; bin++)
        {
            var lower = bin == 0 ? 0 : KllAccuracy.LowerBound(data, splits[bin - 1]);
            var upper = bin == splits.Length ? N : KllAccuracy.LowerBound(data, splits[bin]);
            Assert.InRange((counts[bin] - (upper - lower)) / N, -2 * bound, 2 * bound);
        }
    }

    [Fact]
    public void NormalizedRankError_DefaultK_IsTheDocumentedFigure()
    {
        Assert.Equal(Math.Sqrt(12 * Math.Log(200)) / 200, KllSketch.NormalizedRankError(200), 12);
        Assert.InRange(KllSketch.NormalizedRankError(200), 0.0398, 0.0399);
        Assert.True(KllSketch.NormalizedRankError(400) < KllSketch.NormalizedRankError(200));
        Assert.True(KllSketch.NormalizedRankError(200, 0.999) > KllSketch.NormalizedRankError(200, 0.99));
        Assert.Throws<ArgumentOutOfRangeException>(() => KllSketch.NormalizedRankError(200, 1));
    }

    [Fact]
    public void Update_SameInputTwice_GivesIdenticalBytes()
    {
        var first = new KllSketch();
        var second = new KllSketch();
        foreach (var value in Generate("lognormal", 200_000, seed: 3))
        {
            first.Update(value);
            second.Update(value);
        }

        Assert.Equal(first.Serialize(), second.Serialize());
    }

    [Fact]
    public void Update_ContinuingAfterRoundTrip_MatchesTheOriginal()
    {
        var data = Generate("uniform", 100_000, seed: 5);
        var original = new KllSketch();
        foreach (var value in data.AsSpan(0, 60_000))
        {
            original.Update(value);
        }

        var restored = KllSketch.Deserialize(original.Serialize());
        foreach (var value in data.AsSpan(60_000))
        {
            original.Update(value);
            restored.Update(value);
        }

        Assert.Equal(original.Serialize(), restored.Serialize());
    }

    [Fact]
    public void Update_SteadyState_DoesNotAllocatePerValue()
    {
        var data = Generate("uniform", 400_000, seed: 8);
        var sketch = new KllSketch();
        foreach (var value in data.AsSpan(0, 200_000))
        {
            sketch.Update(value);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var value in data.AsSpan(200_000))
        {
            sketch.Update(value);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // An occasional new or grown level array; anything per value would come to megabytes.
        Assert.InRange(allocated, 0, 16 * 1024);
    }

    internal static double[] Generate(string distribution, int n, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var data = new double[n];
        for (var i = 0; i < n; i++)
        {
            data[i] = distribution switch
            {
                "uniform" => random.NextDouble(),
                "normal" => random.NextNormal(),
                "lognormal" => Math.Exp(random.NextNormal()),
                "discrete" => random.NextInt(37),
                "ascending" => i,
                "descending" => n - i,
                _ => throw new ArgumentOutOfRangeException(nameof(distribution)),
            };
        }

        return data;
    }
}
