using OrleansEval.Grains.Slices;
using OrleansEval.Grains.Tests.Features;

namespace OrleansEval.Grains.Tests.Slices;

/// <summary>
/// The committed bytes of <see cref="GoldenBuckets.Slice"/>: what the current format writes, and what the untagged
/// format before it wrote (produced by that code, so a store holding such bytes keeps reading them).
/// </summary>
public sealed class SliceBucketFormatTests
{
    private const string SliceHex =
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
    [InlineData(UntaggedSliceHex)]
    public void Deserialize_CommittedBytes_GivesTheFixedBucket(string hex)
    {
        var bucket = SliceBucket.Deserialize(Convert.FromHexString(hex), GoldenBuckets.Calibrations());

        Assert.Equal((5L, 2L), (bucket.Predictions, bucket.Labelled));
        Assert.Equal([1L, 0, 0, 0, 1, 0, 0, 1, 0, 1], bucket.ScoreHistogram);
        Assert.Equal(4, Assert.Single(bucket.Estimates).Value.Count);
        Assert.Equal(SliceHex, Convert.ToHexString(bucket.Serialize()));
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
