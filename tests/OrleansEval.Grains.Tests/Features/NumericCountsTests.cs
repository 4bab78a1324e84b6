using OrleansEval.Grains.Features;
using OrleansEval.Sketches.Binning;

namespace OrleansEval.Grains.Tests.Features;

/// <summary>
/// A column's exact bin counts summed from its buckets' kept counts equal the drift answer's exact counts of the same
/// buckets (<see cref="WindowMerge.MergeNumeric"/>), and are refused where it has none.
/// </summary>
public sealed class NumericCountsTests
{
    private const string Key = "reference@1";
    private static readonly ColumnSettings Settings = new(200, 1_024, 8_192, 100);
    private static readonly Dictionary<string, BinEdges> Active = new(StringComparer.Ordinal) { [Key] = new BinEdges([0.25, 0.5, 0.75]) };

    [Fact]
    public void Sum_OfBucketsCountedOnTheBaselinesBins_EqualsTheDriftAnswersExactCounts()
    {
        var random = new Random(12);
        var buckets = Enumerable.Range(0, 5).Select(i => Bucket(Active, 40 + (17 * i), random, missingEvery: 7)).ToList<ColumnBucket>();
        buckets.Add(Bucket(Active, 0, random, missingEvery: 1)); // only missing values

        var summed = NumericCounts.Sum(buckets.Select(b => NumericCounts.Of(b)), Key, 4);
        var merged = WindowMerge.MergeNumeric(buckets, Key, Settings.QuantileK, Settings.WindowExactCapacity).ExactBinCounts;

        Assert.NotNull(summed);
        Assert.NotNull(merged);
        Assert.Equal(merged.Select(count => (long)count), summed);
        Assert.Equal(buckets.Sum(b => b.Count), summed.Sum());
    }

    [Fact]
    public void Sum_WithABucketOfValuesThatPredatesTheBaseline_IsNull_AsTheDriftAnswerHasNoExactCounts()
    {
        var random = new Random(13);
        var empty = new Dictionary<string, BinEdges>(StringComparer.Ordinal);
        List<ColumnBucket> buckets = [Bucket(Active, 30, random, missingEvery: 0), Bucket(empty, 10, random, missingEvery: 0)];

        Assert.Null(NumericCounts.Sum(buckets.Select(b => NumericCounts.Of(b)), Key, 4));
        Assert.Null(WindowMerge.MergeNumeric(buckets, Key, Settings.QuantileK, Settings.WindowExactCapacity).ExactBinCounts);
        Assert.Null(NumericCounts.Sum(buckets.Take(1).Select(b => NumericCounts.Of(b)), Key, 5));
    }

    // A categorical bucket in a numeric column (values all of the wrong type) is kept as counting nothing, so it is never
    // decoded again for the sum, and the sum still equals the drift answer's, whose merge skips it.
    [Fact]
    public void Sum_WithACategoricalBucket_CountsNothingForIt_AsTheDriftAnswerSkipsIt()
    {
        var random = new Random(14);
        List<ColumnBucket> buckets = [Bucket(Active, 30, random, missingEvery: 5), CategoricalBucket.Create(Settings), Bucket(Active, 20, random, missingEvery: 0)];

        var summed = NumericCounts.Sum(buckets.Select(NumericCounts.Of), Key, 4);
        var merged = WindowMerge.MergeNumeric(buckets, Key, Settings.QuantileK, Settings.WindowExactCapacity).ExactBinCounts;

        Assert.Equal(0, NumericCounts.Of(buckets[1]).Count);
        Assert.NotNull(summed);
        Assert.NotNull(merged);
        Assert.Equal(merged.Select(count => (long)count), summed);
    }

    private static NumericBucket Bucket(Dictionary<string, BinEdges> active, int values, Random random, int missingEvery)
    {
        var bucket = NumericBucket.Create(Settings, active, Settings.BucketExactCapacity);
        for (var i = 0; i < values; i++)
        {
            bucket.Add(missingEvery > 0 && i % missingEvery == 0 ? double.NaN : random.NextDouble(), active);
        }

        if (values == 0)
        {
            bucket.Add(double.NaN, active);
        }

        return bucket;
    }
}
