using System.Collections.Immutable;
using Orleans.Serialization;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// A column chunk is written to the ingest log with every batch and sent to its column grain, so its layout is kept
/// small — bucket starts as runs, categories as codes, numbers as packed bytes — and chunks of the earlier layouts,
/// still in log segments written before, read back. The legacy bytes were written by those layouts.
/// </summary>
public sealed class ColumnChunkFormatTests
{
    private const string LegacyCategorical =
        "20E84007622D31212000070182700082700002E1E0E02120E0E0212000074107726564C0014009626C7565E0E0212000030102E1E0E0810068C4610800000021E840076D2F3001110109E0E0";

    private const string LegacyNumeric =
        "20E84007622D31212000070182700002E10002E1E0E02120000781000000000000F83F80000000000000F8FF8000000000000000C0E0E02120E0E02120E0E0810068C46108000000C101E0";

    // Bucket starts as runs, a field per number (1.5, NaN, −0): the layout before numbers were packed.
    private const string SecondLayoutNumeric =
        "20E84007622D3521C001E02120000781000000000000F83F80000000000000F8FF800000000000000080E0E021C001E0212000030102E1E0E0810068C4610800000021E840076D2F3001110109E0212000050182700002E1E0E0212000050109000DE0E02120E0E02120E0E0E0";

    private static readonly Serializer Serializer = WireSerializer.Instance;

    [Fact]
    public void Deserialize_ACategoricalChunkOfTheFirstLayout_ReadsEveryRecord()
    {
        var chunk = Serializer.Deserialize<ColumnChunk>(Convert.FromHexString(LegacyCategorical))!;

        Assert.Equal(3, chunk.Length);
        Assert.Equal([3600L, 3600, 7200], Enumerable.Range(0, 3).Select(chunk.BucketStart));
        Assert.Equal(["red", null, "blue"], Enumerable.Range(0, 3).Select(chunk.Category));
        Assert.Equal([7200L], chunk.TypeErrors.ToArray());
        Assert.Equal(new LogPosition("m/0", 4, 2), chunk.Position);
        Assert.Equal(TimeSpan.FromHours(1), chunk.Bucket);
    }

    [Fact]
    public void Deserialize_ANumericChunkOfTheFirstLayout_ReadsEveryRecord()
    {
        var chunk = Serializer.Deserialize<ColumnChunk>(Convert.FromHexString(LegacyNumeric))!;

        Assert.Equal(3, chunk.Length);
        Assert.Equal([3600L, 7200, 7200], Enumerable.Range(0, 3).Select(chunk.BucketStart));
        Assert.Equal([1.5, double.NaN, -2], chunk.Numbers.ToArray());
        Assert.False(chunk.IsEmpty);
    }

    [Fact]
    public void Deserialize_ANumericChunkOfTheSecondLayout_ReadsEveryRecord()
    {
        var chunk = Serializer.Deserialize<ColumnChunk>(Convert.FromHexString(SecondLayoutNumeric))!;

        Assert.Equal(3, chunk.Length);
        Assert.Equal([3600L, 3600, 7200], Enumerable.Range(0, 3).Select(chunk.BucketStart));
        Assert.Equal(new[] { 1.5, double.NaN, -0.0 }.Select(BitConverter.DoubleToInt64Bits), chunk.Numbers.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal([7200L], chunk.TypeErrors.ToArray());
        Assert.Equal(new LogPosition("m/0", 4, 2), chunk.Position);
        Assert.Equal(TimeSpan.FromHours(1), chunk.Bucket);
    }

    [Fact]
    public void RoundTrip_OfNumbers_KeepsEveryValueBitForBit()
    {
        double[] values = [0, -0.0, 1.5, -3e300, double.NaN, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0123), double.PositiveInfinity, double.NegativeInfinity, double.Epsilon];
        var chunk = new ColumnChunk("b-6", [.. values.Select(_ => 3600L)], [.. values], [], []) { Position = new LogPosition("m/0", 9, 1) };

        var read = Serializer.Deserialize<ColumnChunk>(Serializer.SerializeToArray(chunk))!;

        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), read.Numbers.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(values.Length, read.Length);
        Assert.Equal(chunk.Position, read.Position);
    }

    [Fact]
    public void RoundTrip_OfACategoricalChunk_HasNoNumbers()
    {
        var chunk = new ColumnChunk("b-7", [3600, 3600], [], ["a", null], []);

        var read = Serializer.Deserialize<ColumnChunk>(Serializer.SerializeToArray(chunk))!;

        Assert.True(read.Numbers.IsEmpty);
        Assert.Equal(["a", null], Enumerable.Range(0, 2).Select(read.Category));
    }

    [Fact]
    public void Deserialize_PackedNumbersThatAreNotWholeValues_FailsNamingThem()
    {
        var bytes = Serializer.SerializeToArray(new PackedNumbers([1.5, 2.5]));
        // The byte count as Orleans writes a small variable-length integer, (n << 1) | 1: 16 bytes, then 15.
        byte[] lengthAndFirst = [(16 << 1) | 1, .. BitConverter.GetBytes(1.5)];
        var length = bytes.AsSpan().IndexOf(lengthAndFirst);
        Assert.True(length > 0, Convert.ToHexString(bytes));
        bytes[length] = (15 << 1) | 1;

        var error = Assert.Throws<InvalidDataException>(() => Serializer.Deserialize<PackedNumbers>(bytes));

        Assert.Contains("packed numbers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTrip_KeepsEveryRecordsBucketAndCategory()
    {
        ImmutableArray<long> starts = [10, 10, 20, 10, 30, 30];
        ImmutableArray<string?> categories = ["a", "b", null, "a", "c", null];
        var chunk = new ColumnChunk("b-2", starts, [], categories, []);

        var read = Serializer.Deserialize<ColumnChunk>(Serializer.SerializeToArray(chunk))!;

        Assert.Equal(starts, Enumerable.Range(0, read.Length).Select(read.BucketStart));
        Assert.Equal(categories, Enumerable.Range(0, read.Length).Select(read.Category));
    }

    [Fact]
    public void Serialize_AThousandRecordsInOneBucket_CostsTheirValuesNotTheirBucketStarts()
    {
        // Full-precision values, which take eight bytes each (short decimals take fewer: DecimalNumbersTests).
        var values = Enumerable.Range(0, 1000).Select(i => Math.Sqrt(i + 0.5)).ToImmutableArray();
        var numeric = new ColumnChunk("b-3", [.. Enumerable.Repeat(1_767_225_600L, 1000)], values, [], []);
        var categorical = new ColumnChunk("b-3", [.. Enumerable.Repeat(1_767_225_600L, 1000)], [], [.. Enumerable.Range(0, 1000).Select(i => (string?)$"country-{i % 12}")], []);

        // The first layout took 18 kB and 15 kB: nine bytes a record for the bucket start, a string a record for the label.
        // The second took 9.1 kB for the numbers, a field header and eight bytes each; packed, they are eight bytes each.
        Assert.InRange(Serializer.SerializeToArray(numeric).Length, 8_000, 8_100);
        Assert.InRange(Serializer.SerializeToArray(categorical).Length, 1_000, 2_500);
    }

    [Fact]
    public void Empty_WithoutRecordsOrTypeErrors_IsEmpty()
    {
        Assert.True(new ColumnChunk("b-4", [], [], [], []).IsEmpty);
        Assert.False(new ColumnChunk("b-4", [], [], [], [3600]).IsEmpty);
    }
}
