using Orleans.Serialization;
using OrleansEval.Actuals;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// A logged plan's predictions per join shard: written as one packed field, the layout the call to the shard carries,
/// and read back exactly; golden bytes of that layout pin it, and plans logged field by field still read (the first
/// layout's golden segment, <see cref="IngestLogLayoutTests"/>).
/// </summary>
public sealed class ShardPredictionsFormatTests
{
    // Shard 3: "p-1" (series v1/production, bucket 3600, slice region=north, score 0.75, predicted "yes", actual "no")
    // and "p-2" (no slice, score 0.25, predicted "no", no actual), in the packed layout.
    private const string PackedShard =
        "20E8000DC10141D70102010276310A70726F64756374696F6E0106726567696F6E056E6F7274680203796573026E6F03702D3103702D3200A0380100000000000000000000E83F000000000000D03F0002000000000000F8FF000000000000F8FF0203000000000000F8FF000000000000F8FFE0";

    private static readonly Serializer Serializer = WireSerializer.Instance;

    [Fact]
    public void Serialize_ShardPredictions_WritesThePackedLayoutOfTheGoldenBytes()
    {
        var hex = Convert.ToHexString(Serializer.SerializeToArray(Sample()));

        Assert.True(hex == PackedShard, hex);
    }

    [Fact]
    public void Deserialize_TheGoldenBytes_ReadsEveryRowAsWritten()
    {
        var read = Serializer.Deserialize<ShardPredictions>(Convert.FromHexString(PackedShard))!;

        AssertSample(read);
    }

    [Fact]
    public void RoundTrip_OfAPlanWithShardPredictions_KeepsEveryRow()
    {
        var plan = new IngestPlan { Predictions = [Sample()] };

        var read = Serializer.Deserialize<IngestPlan>(Serializer.SerializeToArray(plan))!;

        AssertSample(read.Predictions.Single());
        Assert.Same(read.Predictions.Single().Rows, read.Predictions.Single().Packed.Rows);
    }

    private static ShardPredictions Sample()
    {
        var rows = new PendingPredictions();
        var series = new SeriesId("v1", "production");
        rows.Add("p-1", series, 3600, [new SliceKey("region", "north")], 0.75, "yes", double.NaN, new JoinActual("no", double.NaN));
        rows.Add("p-2", series, 3600, [], 0.25, "no", double.NaN, null);
        return new ShardPredictions(3, rows);
    }

    private static void AssertSample(ShardPredictions read)
    {
        var rows = read.Rows;
        Assert.Equal(3, read.Shard);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["p-1", "p-2"], [rows.PredictionId(0), rows.PredictionId(1)]);
        Assert.Equal(new SeriesId("v1", "production"), rows.Series(1));
        Assert.Equal([3600L, 3600L], [rows.BucketStart(0), rows.BucketStart(1)]);
        Assert.Equal([new SliceKey("region", "north")], rows.Slices(0));
        Assert.Empty(rows.Slices(1));
        Assert.Equal([0.75, 0.25], [rows.Score(0), rows.Score(1)]);
        Assert.Equal("yes", rows.Predicted(0));
        Assert.Equal("no", rows.Predicted(1));
        Assert.Equal("no", rows.Actual(0)?.Label);
        Assert.Null(rows.Actual(1));
    }
}
