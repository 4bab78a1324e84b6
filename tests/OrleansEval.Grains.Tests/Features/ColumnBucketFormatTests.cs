using OrleansEval.Grains.Features;

namespace OrleansEval.Grains.Tests.Features;

/// <summary>
/// The committed bytes of the buckets in <see cref="GoldenBuckets"/>: what the current format writes, and what the
/// untagged format before it wrote (produced by that code, so a store holding such bytes keeps reading them).
/// </summary>
public sealed class ColumnBucketFormatTests
{
    private const string NumericHex =
        "2001010000000000000002000000000000002A000000020104000000000000000000000000C011400000000080716040" +
        "00000000000008C000000000008028404D00000001010101C800000000020000040000000000000000000000000008C0" +
        "000000000080284000000000000000000400000000000008C0000000000000F83F0000000000001C4000000000008028" +
        "40010000000A747261696E696E67233103000000010000000000000002000000000000000100000000000000";

    internal const string UntaggedNumericHex =
        "0101010000000000000002000000000000002A000000020104000000000000000000000000C011400000000080716040" +
        "00000000000008C000000000008028404D00000001010101C800000000020000040000000000000000000000000008C0" +
        "000000000080284000000000000000000400000000000008C0000000000000F83F0000000000001C4000000000008028" +
        "40010000000A747261696E696E67233103000000010000000000000002000000000000000100000000000000";

    private const string CategoricalHex =
        "210101000000000000000100000000000000030100E80300000C0400000306426F73746F6E010753656174746C65020B" +
        "C39673746572726569636801";

    private const string UntaggedCategoricalHex =
        "020101000000000000000100000000000000030100E80300000C0400000306426F73746F6E010753656174746C65020B" +
        "C39673746572726569636801";

    [Fact]
    public void Serialize_FixedNumericBucket_WritesTheCommittedBytes() =>
        Assert.Equal(NumericHex, Convert.ToHexString(GoldenBuckets.Numeric().Serialize()));

    [Fact]
    public void Serialize_FixedCategoricalBucket_WritesTheCommittedBytes() =>
        Assert.Equal(CategoricalHex, Convert.ToHexString(GoldenBuckets.Categorical().Serialize()));

    [Theory]
    [InlineData(NumericHex)]
    [InlineData(UntaggedNumericHex)]
    public void Deserialize_CommittedNumericBytes_GivesTheFixedBucket(string hex)
    {
        var bucket = Assert.IsType<NumericBucket>(ColumnBucket.Deserialize(Convert.FromHexString(hex)));

        Assert.Equal((4L, 1L, 2L), (bucket.Count, bucket.Missing, bucket.TypeErrors));
        Assert.Equal([1L, 2L, 1L], bucket.CountersFor(GoldenBuckets.BaselineKey)!);
        Assert.Equal(12.25, bucket.Sketch.Quantile(1.0));
        Assert.Equal(NumericHex, Convert.ToHexString(bucket.Serialize()));
    }

    [Theory]
    [InlineData(CategoricalHex)]
    [InlineData(UntaggedCategoricalHex)]
    public void Deserialize_CommittedCategoricalBytes_GivesTheFixedBucket(string hex)
    {
        var bucket = Assert.IsType<CategoricalBucket>(ColumnBucket.Deserialize(Convert.FromHexString(hex)));

        Assert.Equal((4L, 1L, 1L), (bucket.Count, bucket.Missing, bucket.TypeErrors));
        Assert.Equal(2, bucket.Counts.CountOf("Seattle"));
        Assert.Equal(CategoricalHex, Convert.ToHexString(bucket.Serialize()));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("7F01", "Unknown column bucket type 127")]
    [InlineData("2002", "version 2")]
    [InlineData("0102", "type tag 0x01")]
    [InlineData("2001000000", "truncated")]
    public void Deserialize_BytesOfNoKnownFormat_ThrowsAFormatExceptionSayingWhy(string hex, string reason)
    {
        var error = Assert.Throws<FormatException>(() => ColumnBucket.Deserialize(Convert.FromHexString(hex)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_CommittedNumericBytesWithAByteMore_ThrowsAFormatException() =>
        Assert.Throws<FormatException>(() => ColumnBucket.Deserialize(Convert.FromHexString(NumericHex + "00")));
}
