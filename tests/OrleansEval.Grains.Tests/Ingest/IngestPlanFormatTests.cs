using System.Collections.Immutable;
using System.Globalization;
using Orleans.Serialization;
using OrleansEval.Grains.Ingest;
using OrleansEval.Ingest;
using OrleansEval.Models;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// The plan the ingest log keeps: one written before rows were kept still reads (and fans out to no row grain), and
/// the rows' part of a plan — prediction ids, exact event times, tags — reads back exactly and stays small.
/// </summary>
public sealed class IngestPlanFormatTests
{
    // A plan of one series and one numeric chunk (1.5, 2.5 in bucket 3600), written by the layout before rows were kept.
    private const string PlanBeforeRows =
        "20E82020000321E840057631411570726F64756374696F6EE0E0E02120E0E02120000321E840236D2F76312F70726F64756374696F6E2F7821E84007622D3121C001E02120000581000000000000F83F800000000000000440E0E021C001E02120E0E0810068C46108000000C10121200003018270E0E0212000030109E0E02120E0E02120E0E0E0E0E0E02120E0E02120E0E00109410331E0";

    private static readonly Serializer Serializer = WireSerializer.Instance;

    [Fact]
    public void Deserialize_APlanWrittenBeforeRowsWereKept_ReadsWithNoRowsAndTargetsNoRowGrain()
    {
        var plan = Serializer.Deserialize<IngestPlan>(Convert.FromHexString(PlanBeforeRows))!;

        Assert.Equal([new SeriesId("v1", "production")], plan.Series.ToArray());
        Assert.Equal([1.5, 2.5], plan.Chunks.Single().Chunk.Numbers.ToArray());
        Assert.Equal(ModelTask.Regression, plan.Task);
        Assert.True(plan.Rows.IsDefaultOrEmpty);
        Assert.Equal(default, plan.Received);
        Assert.Empty(PlanFanOut.Targets("m", plan).Rows);
    }

    [Fact]
    public void RoundTrip_OfASeriesRows_KeepsIdsExactTimesAndTags()
    {
        var start = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2));
        DateTimeOffset[] times = [start, start.AddTicks(1), start.AddDays(-3), start.AddMilliseconds(17)];
        var rows = new SeriesRows(new SeriesId("v1", "production"), ["a", "b", "c", "d"], times, [new CodedColumn("region", ["north", null, "south", "north"])]);

        var read = Serializer.Deserialize<SeriesRows>(Serializer.SerializeToArray(rows))!;

        Assert.Equal(["a", "b", "c", "d"], read.PredictionIds.ToArray());
        Assert.Equal(times.Select(t => t.UtcTicks), read.Timestamps().Select(t => t.UtcTicks));
        Assert.Equal(["north", null, "south", "north"], Enumerable.Range(0, 4).Select(i => read.Tags.Single()[i]));
    }

    [Fact]
    public void Serialize_TheRowsOfAThousandRecordBatch_AddsAboutTheirIdsAndFewBytesMore()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 1000).Select(i => $"pred-{i.ToString("D8", CultureInfo.InvariantCulture)}").ToImmutableArray();
        var rows = new SeriesRows(
            new SeriesId("v1", "production"),
            ids,
            [.. Enumerable.Range(0, 1000).Select(i => start.AddMilliseconds(i * 37))],
            [new CodedColumn("region", Enumerable.Range(0, 1000).Select(i => (string?)$"region-{i % 4}")), new CodedColumn("store", Enumerable.Range(0, 1000).Select(i => (string?)$"store-{i % 40}"))]);

        var bytes = Serializer.SerializeToArray(new IngestPlan { Rows = [rows], Revision = 12, Received = start }).Length
            - Serializer.SerializeToArray(new IngestPlan()).Length;

        // 23.5 kB when measured: the ids are 14 bytes each with their length, the time differences about 5 and each tag
        // code 2. Feature values are not among them: the row store reads them from the column chunks.
        Assert.InRange(bytes, 14_000, 26_000);
    }
}
