using System.Collections.Immutable;
using OrleansEval.Grains.Slices;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.Slices;

public sealed class BackfillDeltasTests
{
    private static readonly ModelDefinition Model = new()
    {
        Task = ModelTask.BinaryClassification,
        Features = [new FeatureDefinition("location", FeatureType.Categorical), new FeatureDefinition("temp_max", FeatureType.Numeric)],
    };

    private static readonly ModelSnapshot Snapshot = new("m", Model, 7, [], [], [], [], []);
    private static readonly SliceDefinition Seattle = new SliceDefinition("seattle", [SliceCondition.EqualTo("location", "Seattle")]) { Revision = 7 };
    private static readonly DateTimeOffset Day = new(2014, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static RecordInput Record(int i, string location, DateTimeOffset time) => new()
    {
        Index = i,
        PredictionId = $"r{i}",
        Timestamp = time,
        Version = "v1",
        Environment = "production",
        Features = ImmutableDictionary<string, FeatureValue>.Empty.Add("location", FeatureValue.Of(location)).Add("temp_max", FeatureValue.Of(i)),
        Prediction = new PredictionInput(FeatureValue.Of("1"), FeatureValue.Of(0.75), FeatureValue.Missing),
    };

    private static List<KeyedDelta> Run(IEnumerable<RowBlock> blocks, out BackfillDeltas deltas)
    {
        deltas = new BackfillDeltas("m", Snapshot, Seattle);
        var all = new List<KeyedDelta>();
        foreach (var block in blocks)
        {
            all.AddRange(deltas.Add(block).Select(p => p.Keyed));
        }

        all.AddRange(deltas.Flush().Select(p => p.Keyed));
        return all;
    }

    [Fact]
    public void Add_TakesTheSliceRowsCountedBeforeTheSliceWasDefined_WithAnOutcomeForEachLabelledOne()
    {
        var records = new[] { Record(0, "Seattle", Day.AddHours(1)), Record(1, "Boston", Day.AddHours(2)), Record(2, "Seattle", Day.AddHours(3)) };
        var earlier = KeptRows.Of(Model, records, new Dictionary<string, string?> { ["r0"] = "0" }, revision: 6);
        var live = KeptRows.Of(Model, [Record(3, "Seattle", Day.AddHours(4))], new Dictionary<string, string?>(), revision: 7);

        var sent = Run([.. live, .. earlier], out var deltas);

        var delta = Assert.Single(sent);
        Assert.Equal(SliceGrainKey.For("m", new SeriesId("v1", "production"), "slice:seattle"), delta.SliceGrainKey);
        Assert.Equal(2, delta.Delta.Predictions.Length);
        var outcome = Assert.Single(delta.Delta.Outcomes);
        Assert.Equal(("all", "1", "0", 1), (outcome.Member, outcome.Predicted, outcome.Actual, outcome.Weight));
        Assert.Equal(TimeWindow.BucketStart(Day.AddHours(1), Model.Bucket), outcome.BucketStart);
        Assert.Equal((2L, 4L), (deltas.RowsCounted, deltas.RowsRead));
        Assert.Equal(Day.AddHours(3), deltas.Through);
    }

    [Fact]
    public void Add_CutsEachSeriesDayIntoPartsAtPositionsOfTheirOwn_TheSameOnEveryRun()
    {
        var many = Enumerable.Range(0, BackfillDeltas.ChunkRows + 5).Select(i => Record(i, "Seattle", Day.AddSeconds(i)));
        var dayBefore = new[] { Record(99_999, "Seattle", Day.AddHours(-1)) };
        var blocks = KeptRows.Of(Model, [.. many, .. dayBefore], new Dictionary<string, string?>(), revision: 1);

        var first = Run(blocks, out _);
        var second = Run(blocks, out _);

        var dayNumber = Day.ToUnixTimeSeconds() / 86_400;
        Assert.Equal(
            [(dayNumber * 1_000_000, BackfillDeltas.ChunkRows), ((dayNumber * 1_000_000) + 1, 5), ((dayNumber - 1) * 1_000_000, 1)],
            first.Select(d => (d.Delta.Position!.Sequence, d.Delta.Predictions.Length)));
        Assert.All(first, d => Assert.Equal("backfill:seattle@7", d.Delta.Position!.Log));
        Assert.Equal(first.Select(d => d.Delta.Position), second.Select(d => d.Delta.Position));
    }
}
