using Orleans.Serialization;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Performance;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// A slice delta goes to the ingest log with every batch, once per slice family, so its prediction rows are kept by
/// column; a delta of the first layout (a tagged row each), still in a log segment written before, reads back. The
/// legacy bytes were written by that first layout.
/// </summary>
public sealed class SliceDeltaFormatTests
{
    private const string Legacy =
        "20E84007622D312120000721E8400F53656174746C65018270819A9999999999E93F41033181000000000000F8FFE020E8400D426F73746F6E018270819A9999999999C93F41033081000000000000F8FFE020E8C00F0102E181000000000000F8FFC10181000000000000F8FFE0E0E02120E0E00101C11581000000000000E03F2120000501030005E0E0810068C4610800000021E840076D2F30010D0105E0E0";

    private static readonly Serializer Serializer = WireSerializer.Instance;

    private static readonly PredictionRow[] Rows =
    [
        new("Seattle", 3600, 0.8, "1", double.NaN),
        new("Boston", 3600, 0.2, "0", double.NaN),
        new("Seattle", 7200, double.NaN, null, double.NaN),
    ];

    [Fact]
    public void Deserialize_ADeltaOfTheFirstLayout_ReadsEveryRow()
    {
        var delta = Serializer.Deserialize<SliceDelta>(Convert.FromHexString(Legacy))!;

        Assert.Equal(Rows, delta.Predictions.ToArray());
        Assert.Equal(new LogPosition("m/0", 3, 1), delta.Position);
        Assert.Equal(TimeSpan.FromHours(1), delta.Bucket);
        Assert.Equal(0.5, delta.Threshold);
        Assert.Equal([1, 2], delta.Calibration.ToArray());
    }

    [Fact]
    public void RoundTrip_KeepsEveryRow()
    {
        var delta = new SliceDelta("b-1", [.. Rows, new("Boston", 10_800, 0.4, "0", 2.5)], [], ModelTask.BinaryClassification, "1", 0.5, []);

        var read = Serializer.Deserialize<SliceDelta>(Serializer.SerializeToArray(delta))!;

        Assert.Equal(delta.Predictions.ToArray(), read.Predictions.ToArray());
        Assert.Equal(4, read.Predictions.Length);
    }

    [Fact]
    public void RoundTrip_OfScoresAndPredictedValues_KeepsThemBitForBit()
    {
        double[] scores = [0.25, -0.0, double.NaN, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0042), double.PositiveInfinity];
        double[] values = [1e300, double.NaN, -2.5, double.Epsilon, 0];
        var delta = new SliceDelta("b-3", [.. scores.Select((s, i) => new PredictionRow("all", 3_600, s, null, values[i]))], [], ModelTask.Regression, "1", double.NaN, []);

        var read = Serializer.Deserialize<SliceDelta>(Serializer.SerializeToArray(delta))!.Predictions;

        Assert.Equal(scores.Select(BitConverter.DoubleToInt64Bits), read.Select(r => BitConverter.DoubleToInt64Bits(r.Score)));
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), read.Select(r => BitConverter.DoubleToInt64Bits(r.PredictedValue)));
    }

    [Fact]
    public void Predictions_OfADeltaWithoutAny_AreEmpty()
    {
        Assert.Empty(new SliceDelta("b-1", [], [], ModelTask.Regression, "1", double.NaN, []).Predictions);
    }

    [Fact]
    public void Serialize_AThousandRowsOfAClassifier_CostsAboutTheirScores()
    {
        var delta = new SliceDelta(
            "b-2",
            [.. Enumerable.Range(0, 1000).Select(i => new PredictionRow($"member-{i % 6}", 1_767_225_600L, i / 1000.0, i % 3 == 0 ? "1" : "0", double.NaN))],
            [],
            ModelTask.BinaryClassification,
            "1",
            0.5,
            []);

        // The first layout took 38 kB: a tagged row of five fields each; with the numbers as eight bytes each, 9-14 kB.
        // Scores of three decimals now take two bytes each, and the missing predicted values one.
        Assert.InRange(Serializer.SerializeToArray(delta).Length, 4_000, 8_000);
    }
}
