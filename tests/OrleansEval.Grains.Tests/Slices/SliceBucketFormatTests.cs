using OrleansEval.Grains.Slices;
using OrleansEval.Grains.Tests.Features;

namespace OrleansEval.Grains.Tests.Slices;

/// <summary>
/// The committed bytes of <see cref="GoldenBuckets.Slice"/>: what the current format writes, and what format 1 and the
/// untagged format before it wrote (produced by that code, so a store holding such bytes keeps reading them).
/// </summary>
public sealed class SliceBucketFormatTests
{
    private const string SliceHex =
        "220205000000000000000100000000000000000000000000000000000000000000000000000000000000010000000000" +
        "000000000000000000000000000000000000010000000000000000000000000000000100000000000000600000001001" +
        "00000008000001000001000000000000000000000000010180C2EBA3E1F5D1F01A0000000000000101809085D7C7C2EB" +
        "A331000000000000C0B3B2AAC1D192F518C4ACD98E98AABF900102E17A14AE47E1DA3F01A4703D0AD7A3E83F01000000" +
        "00000000000001000000C3F023B38BE22476C3F023B38BE244CB6B0000000601C3F023B38BE244CB000000000000E03F" +
        "8010FF020299B3E6CC99B3E61E00808080808080800800049A9999999999A93F010000E17A14AE47E1DA3F0180808080" +
        "8080800800A4703D0AD7A3E83F0199B3E6CC99B3E60E001F85EB51B81EED3F01808080808080801000010102020F0000" +
        "0000000000F058590746F5830400020F00000000000000A8FCFEF9D2914803000102020F000000000000009CC954C1A8" +
        "A48E0100020F00000000000060CF5CBC061ABF76000000";

    internal const string VersionOneSliceHex =
        "220105000000000000000100000000000000000000000000000000000000000000000000000000000000010000000000" +
        "000000000000000000000000000000000000010000000000000000000000000000000100000000000000600000001001" +
        "00000008000001000001000000000000000000000000010180C2EBA3E1F5D1F01A0000000000000101809085D7C7C2EB" +
        "A331000000000000C0B3B2AAC1D192F518C4ACD98E98AABF900102E17A14AE47E1DA3F01A4703D0AD7A3E83F01000000" +
        "00000000000001000000C3F023B38BE22476C3F023B38BE244CB6B0000000601C3F023B38BE244CB000000000000E03F" +
        "8010FF020299B3E6CC99B3E61E00808080808080800800049A9999999999A93F010000E17A14AE47E1DA3F0180808080" +
        "8080800800A4703D0AD7A3E83F0199B3E6CC99B3E60E001F85EB51B81EED3F01808080808080801000";

    internal const string UntaggedSliceHex =
        "010500000000000000010000000000000000000000000000000000000000000000000000000000000001000000000000" +
        "000000000000000000000000000000000001000000000000000000000000000000010000000000000060000000100100" +
        "000008000001000001000000000000000000000000010180C2EBA3E1F5D1F01A0000000000000101809085D7C7C2EBA3" +
        "31000000000000C0B3B2AAC1D192F518C4ACD98E98AABF900102E17A14AE47E1DA3F01A4703D0AD7A3E83F0100000000" +
        "000000000001000000C3F023B38BE22476C3F023B38BE244CB6B0000000601C3F023B38BE244CB000000000000E03F80" +
        "10FF020299B3E6CC99B3E61E00808080808080800800049A9999999999A93F010000E17A14AE47E1DA3F018080808080" +
        "80800800A4703D0AD7A3E83F0199B3E6CC99B3E60E001F85EB51B81EED3F01808080808080801000";

    [Fact]
    public void Serialize_FixedSliceBucket_WritesTheCommittedBytes() =>
        Assert.Equal(SliceHex, Convert.ToHexString(GoldenBuckets.Slice().Serialize()));

    [Theory]
    [InlineData(SliceHex)]
    [InlineData(VersionOneSliceHex)]
    [InlineData(UntaggedSliceHex)]
    public void Deserialize_CommittedBytes_GivesTheFixedBucket(string hex)
    {
        var bucket = SliceBucket.Deserialize(Convert.FromHexString(hex), GoldenBuckets.Calibrations());

        Assert.Equal((5L, 2L), (bucket.Predictions, bucket.Labelled));
        Assert.Equal([1L, 0, 0, 0, 1, 0, 0, 1, 0, 1], bucket.ScoreHistogram);
        Assert.Equal(4, Assert.Single(bucket.Estimates).Value.Count);
    }

    [Fact]
    public void Deserialize_CurrentBytes_KeepsTheLossMoments_AndWritesTheSameBytes()
    {
        var bucket = SliceBucket.Deserialize(Convert.FromHexString(SliceHex), GoldenBuckets.Calibrations());

        Assert.True(bucket.LossesComplete);
        Assert.Equal(2, bucket.LogLoss!.Count);
        Assert.Equal(-Math.Log(0.77) - Math.Log(0.42), bucket.LogLoss.Sum, 1e-15);
        Assert.Equal(Math.Pow(Math.Log(0.77), 2) + Math.Pow(Math.Log(0.42), 2), bucket.LogLoss.SumOfSquares, 1e-15);
        Assert.Equal((0.23 * 0.23) + (0.58 * 0.58), bucket.Brier!.Sum, 1e-15);
        Assert.Equal(Math.Pow(0.23, 4) + Math.Pow(0.58, 4), bucket.Brier.SumOfSquares, 1e-15);
        Assert.Null(bucket.SquaredError);
        Assert.Equal(SliceHex, Convert.ToHexString(bucket.Serialize()));
    }

    [Theory]
    [InlineData(VersionOneSliceHex)]
    [InlineData(UntaggedSliceHex)]
    public void Deserialize_BytesOfAFormatWithoutLossMoments_SaysTheyAreIncomplete(string hex)
    {
        var bucket = SliceBucket.Deserialize(Convert.FromHexString(hex), GoldenBuckets.Calibrations());
        var merged = SliceBucket.Combine([GoldenBuckets.Slice(), bucket]);

        Assert.False(bucket.LossesComplete);
        Assert.Null(bucket.LogLoss);
        Assert.False(merged.LossesComplete);
    }

    [Fact]
    public void Deserialize_WithoutTheCalibration_LeavesTheEstimationStateOut()
    {
        var bucket = SliceBucket.Deserialize(Convert.FromHexString(SliceHex), new Dictionary<ulong, Sketches.Estimation.CalibrationMap>());

        Assert.Empty(bucket.Estimates);
        Assert.Equal(2L, bucket.Labelled);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2202")]
    [InlineData("0200")]
    [InlineData("2201FFFFFFFF")]
    public void Deserialize_BytesOfNoKnownFormat_ThrowsAFormatException(string hex) =>
        Assert.Throws<FormatException>(() => SliceBucket.Deserialize(Convert.FromHexString(hex), GoldenBuckets.Calibrations()));
}
