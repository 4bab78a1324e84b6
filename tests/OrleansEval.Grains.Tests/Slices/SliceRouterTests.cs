using OrleansEval.Grains.Models;
using OrleansEval.Grains.Slices;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.Slices;

/// <summary>A numeric column cut by two baselines' cut points: a record reaches each member of its family once.</summary>
public sealed class SliceRouterTests
{
    private static readonly ModelDefinition Model = new()
    {
        Task = ModelTask.BinaryClassification,
        Features = [new FeatureDefinition("x", FeatureType.Numeric)],
    };

    [Theory]
    [InlineData(double.NaN, "(missing)")]
    [InlineData(1.0, "[-inf, 5)")]
    public void Route_OfAMemberBothBaselinesHave_CountsTheRecordOnce(double value, string member)
    {
        var slices = Route(value);

        Assert.Single(slices, slice => slice == SliceKey.OfColumn("x", member));
    }

    [Fact]
    public void Route_OfAValueInBinsThatDiffer_CountsItInEachBaselinesBin()
    {
        var slices = Route(12);

        Assert.Equal(["[10, inf)", "[5, 20)"], slices.Where(slice => slice.Column == "x").Select(slice => slice.Member).Order(StringComparer.Ordinal));
    }

    // The slices of a record whose x is value, under baselines cut at [5, 10] and at [5, 20].
    private static List<SliceKey> Route(double value)
    {
        var snapshot = new ModelSnapshot("m", Model, 1, ["a", "b"], [], [], [new ColumnBins("x", [5, 10]), new ColumnBins("x", [5, 20])], []);
        var columns = ModelColumns.For(Model);
        var numbers = Enumerable.Repeat(double.NaN, columns.Count).ToArray();
        numbers[0] = value;
        var slices = new List<SliceKey>();
        var record = RecordTable.Of([new RecordInput { Index = 0, PredictionId = "p", Timestamp = DateTimeOffset.UnixEpoch }])[0];
        new SliceRouter(snapshot, columns).Route(record, numbers, new string?[columns.Count], slices);
        return slices;
    }
}
