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
    // and "p-2" (no slice, score 0.25, predicted "no", no actual), in the packed layout (2: each column of numbers says
    // how it is written; two values are too few for decimals, so eight bytes each).
    private const string PackedShard =
        "20E8000DC10141DD0202010276310A70726F64756374696F6E0106726567696F6E056E6F7274680203796573026E6F03702D3103702D3200A038010000000000000000000000E83F000000000000D03F000200000000000000F8FF000000000000F8FF020300000000000000F8FF000000000000F8FFE0";

    // The same rows in the first packed layout, numbers as eight bytes a value without a byte before each column.
    private const string FirstPackedShard =
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
    public void Deserialize_TheFirstLayoutsGoldenBytes_ReadsEveryRowAsWritten()
    {
        var read = Serializer.Deserialize<ShardPredictions>(Convert.FromHexString(FirstPackedShard))!;

        AssertSample(read);
    }

    [Fact]
    public void RoundTrip_OfAThousandRows_WritesShortDecimalScoresAsDecimalsBitForBit()
    {
        var rows = new PendingPredictions();
        var series = new SeriesId("v1", "production");
        var random = new Random(5);
        var scores = Enumerable.Range(0, 1000).Select(i => i % 100 == 9 ? random.NextDouble() : Math.Round(random.NextDouble(), 6)).ToArray();
        for (var i = 0; i < scores.Length; i++)
        {
            rows.Add($"p-{i}", series, 3600, [], scores[i], scores[i] >= 0.5 ? "1" : "0", double.NaN, i % 3 == 0 ? new JoinActual("1", double.NaN) : null);
        }

        var bytes = Serializer.SerializeToArray(new ShardPredictions(1, rows));
        var read = Serializer.Deserialize<ShardPredictions>(bytes)!.Rows;

        Assert.Equal(scores.Select(BitConverter.DoubleToInt64Bits), Enumerable.Range(0, read.Count).Select(i => BitConverter.DoubleToInt64Bits(read.Score(i))));
        Assert.All(Enumerable.Range(0, read.Count), i => Assert.True(double.IsNaN(read.PredictedValue(i))));
        // Ids about 6 bytes and the other columns about 4 a row; the scores 3 bytes each (10 full-precision ones 9), where
        // eight bytes a value for the three columns of numbers took 24.
        Assert.InRange(bytes.Length, 10_000, 17_000);
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
