using System.Collections.Immutable;
using Orleans.Serialization;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// A column chunk is written to the ingest log with every batch and sent to its column grain, so its layout is kept
/// small — bucket starts as runs, categories as codes — and a chunk of the first layout, still in a log segment
/// written before, reads back. The legacy bytes were written by that first layout.
/// </summary>
public sealed class ColumnChunkFormatTests
{
    private const string LegacyCategorical =
        "20E84007622D31212000070182700082700002E1E0E02120E0E0212000074107726564C0014009626C7565E0E0212000030102E1E0E0810068C4610800000021E840076D2F3001110109E0E0";

    private const string LegacyNumeric =
        "20E84007622D31212000070182700002E10002E1E0E02120000781000000000000F83F80000000000000F8FF8000000000000000C0E0E02120E0E02120E0E0810068C46108000000C101E0";

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
        var values = Enumerable.Range(0, 1000).Select(i => i * 0.37).ToImmutableArray();
        var numeric = new ColumnChunk("b-3", [.. Enumerable.Repeat(1_767_225_600L, 1000)], values, [], []);
        var categorical = new ColumnChunk("b-3", [.. Enumerable.Repeat(1_767_225_600L, 1000)], [], [.. Enumerable.Range(0, 1000).Select(i => (string?)$"country-{i % 12}")], []);

        // The first layout took 18 kB and 15 kB: nine bytes a record for the bucket start, a string a record for the label.
        Assert.InRange(Serializer.SerializeToArray(numeric).Length, 9_000, 9_300);
        Assert.InRange(Serializer.SerializeToArray(categorical).Length, 1_000, 2_500);
    }

    [Fact]
    public void Empty_WithoutRecordsOrTypeErrors_IsEmpty()
    {
        Assert.True(new ColumnChunk("b-4", [], [], [], []).IsEmpty);
        Assert.False(new ColumnChunk("b-4", [], [], [], [3600]).IsEmpty);
    }
}
