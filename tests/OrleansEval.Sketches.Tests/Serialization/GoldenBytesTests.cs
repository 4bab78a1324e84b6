using OrleansEval.Sketches.Categories;
using OrleansEval.Sketches.Moments;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Sketches.Tests.Serialization;

public class GoldenBytesTests
{
    [Fact]
    public void Serialize_ExactKllSketch_MatchesGoldenFile()
    {
        var sketch = GoldenSketches.ExactKll();
        Assert.True(sketch.IsExact);
        GoldenFiles.AssertMatches("kll-exact.bin", sketch.Serialize());
    }

    [Fact]
    public void Serialize_ApproximateKllSketch_MatchesGoldenFile()
    {
        var sketch = GoldenSketches.ApproximateKll();
        Assert.False(sketch.IsExact);
        GoldenFiles.AssertMatches("kll-approximate.bin", sketch.Serialize());
    }

    [Fact]
    public void Serialize_RunningMoments_MatchesGoldenFile() =>
        GoldenFiles.AssertMatches("running-moments.bin", GoldenSketches.Moments().Serialize());

    [Fact]
    public void Serialize_ExactCategoryCounts_MatchesGoldenFile()
    {
        var counts = GoldenSketches.ExactCategories();
        Assert.True(counts.IsExact);
        GoldenFiles.AssertMatches("category-counts-exact.bin", counts.Serialize());
    }

    [Fact]
    public void Serialize_InexactCategoryCounts_MatchesGoldenFile()
    {
        var counts = GoldenSketches.InexactCategories();
        Assert.False(counts.IsExact);
        GoldenFiles.AssertMatches("category-counts-inexact.bin", counts.Serialize());
    }

    [Fact]
    public void Serialize_HyperLogLog_MatchesGoldenFile() =>
        GoldenFiles.AssertMatches("hyperloglog.bin", GoldenSketches.DistinctItems().Serialize());

    [Theory]
    [InlineData("kll-exact.bin")]
    [InlineData("kll-approximate.bin")]
    [InlineData("running-moments.bin")]
    [InlineData("category-counts-exact.bin")]
    [InlineData("category-counts-inexact.bin")]
    [InlineData("hyperloglog.bin")]
    public void Deserialize_GoldenFile_ReserializesToSameBytes(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", fileName);
        Assert.True(File.Exists(path), $"Golden file {fileName} is missing.");
        var bytes = File.ReadAllBytes(path);

        byte[] reserialized = fileName switch
        {
            "kll-exact.bin" or "kll-approximate.bin" => KllSketch.Deserialize(bytes).Serialize(),
            "running-moments.bin" => RunningMoments.Deserialize(bytes).Serialize(),
            "category-counts-exact.bin" or "category-counts-inexact.bin" => CategoryCounts.Deserialize(bytes).Serialize(),
            "hyperloglog.bin" => HyperLogLog.Deserialize(bytes).Serialize(),
            _ => throw new ArgumentOutOfRangeException(nameof(fileName)),
        };

        Assert.Equal(bytes, reserialized);
    }

    [Fact]
    public void Deserialize_GoldenApproximateKll_AnswersLikeTheLiveSketch()
    {
        var live = GoldenSketches.ApproximateKll();
        var restored = KllSketch.Deserialize(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "kll-approximate.bin")));

        Assert.Equal(live.Count, restored.Count);
        Assert.Equal(live.MinValue, restored.MinValue);
        Assert.Equal(live.MaxValue, restored.MaxValue);
        foreach (var x in new[] { -300.0, -250, 0, 100, 400, 999, 1000 })
        {
            Assert.Equal(live.Rank(x), restored.Rank(x));
        }
    }
}
