using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansEval.Baselines;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Grains.WorstSlices;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Slices;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.Tests.WorstSlices;

/// <summary>
/// The worst-slice computation over row blocks as the row store streams them: the weather scenario against the pandas
/// enumeration, a planted weak conjunction, every category of a wide column, tags, regression losses, no labels, and
/// cancellation.
/// </summary>
public sealed partial class WorstSliceSearchTests
{
    private static readonly DateTimeOffset From = new(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2016, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("top_score095_max2", "score095", 0.95)]
    [InlineData("top_score1_max2", "score1", 1.0)]
    public async Task Run_OnWeatherProductionRows_FindsThePandasEnumerationsSlicesInOrder(string list, string scoreName, double alpha)
    {
        using var truth = JsonDocument.Parse(QuoteNonFinite(File.ReadAllText(Path.Combine(WeatherScenarioData.Directory, "scenario-weather-resolution.json"))));
        var worst = truth.RootElement.GetProperty("worstSlices");
        var expected = worst.GetProperty(list).EnumerateArray()
            .Where(slice => slice.GetProperty(scoreName).GetDouble() > 0)
            .Select(slice => (Name: string.Join(" & ", slice.GetProperty("conditions").EnumerateArray().Select(ConditionText)), Slice: slice.Clone()))
            .ToList();
        var query = Query(alpha, worst.GetProperty("minSize").GetInt32(), maxConditions: 2, limit: 200);

        var report = await WorstSliceSearch.RunAsync(WeatherScenarioData.Model, WeatherBaseline(), query, TestRow.Stream(WeatherBlocks()), CancellationToken.None);

        Assert.Equal(worst.GetProperty("rows").GetInt32(), report.Rows);
        Assert.Equal(worst.GetProperty("overallError").GetDouble(), report.OverallError!.Value, 1e-12);
        Assert.Equal(1 - report.OverallError.Value, report.OverallAccuracy!.Value, 1e-12);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(slice => slice.Name).Order(StringComparer.Ordinal), report.Slices.Select(slice => slice.Name).Order(StringComparer.Ordinal));
        var byName = expected.ToDictionary(slice => slice.Name, slice => slice.Slice);
        for (var i = 0; i < expected.Count; i++)
        {
            var found = report.Slices[i];
            var truthSlice = byName[found.Name];
            Assert.Equal(expected[i].Slice.GetProperty(scoreName).GetDouble(), found.Score, 1e-9);
            Assert.Equal(truthSlice.GetProperty("size").GetInt32(), found.Size);
            Assert.Equal(truthSlice.GetProperty("error").GetDouble(), found.Error, 1e-9);
            Assert.Equal(1 - found.Error, found.Accuracy!.Value, 1e-9);
            Assert.Equal(truthSlice.GetProperty("errorVsRest").GetDouble(), found.ErrorVsRest, 1e-9);
        }
    }

    [Fact]
    public async Task Run_WithAPlantedTwoConditionSlice_RanksItFirst_EqualsAnExhaustiveEnumeration_AndCountsFarFewerCandidatesThanTheLattice()
    {
        var model = PlantedModel();
        var random = new Random(11);
        var rows = new List<TestRow>();
        var codes = new List<(int[] Codes, bool Wrong)>();
        for (var row = 0; row < 100_000; row++)
        {
            var features = new Dictionary<string, object?>();
            var rowCodes = new int[10];
            for (var c = 0; c < 6; c++)
            {
                rowCodes[c] = random.Next(4);
                features[$"c{c}"] = $"v{rowCodes[c]}";
            }

            for (var x = 0; x < 4; x++)
            {
                var value = random.NextDouble() * 100;
                rowCodes[6 + x] = (int)(value / 25);
                features[$"x{x}"] = value;
            }

            var wrong = random.NextDouble() < (rowCodes[2] == 3 && rowCodes[7] == 1 ? 0.4 : 0.2);
            codes.Add((rowCodes, wrong));
            rows.Add(new TestRow($"p{row}", features, TestRow.NoTags, wrong ? "1" : "0", double.NaN, "0"));
        }

        var baseline = Baseline(Enumerable.Range(0, 4).Select(x => ($"x{x}", new[] { 25.0, 50, 75 })));
        var blocks = rows.Chunk(5_000).Select(chunk => TestRow.Block(model, chunk));
        var expected = PlantedBruteForce.Top(codes, alpha: 0.95, minSize: 1000, k: 5);

        var report = await WorstSliceSearch.RunAsync(model, baseline, Query(0.95, 1000, maxConditions: 3, limit: 5), TestRow.Stream(blocks), CancellationToken.None);

        Assert.Equal("c2 = v3 & x1 in [25, 50)", report.Slices[0].Name);
        Assert.Equal(expected.Select(slice => slice.Name), report.Slices.Select(slice => slice.Name));
        Assert.Equal(expected.Select(slice => slice.Size), report.Slices.Select(slice => slice.Size));
        Assert.All(expected.Zip(report.Slices), pair => Assert.Equal(pair.First.Error, pair.Second.Error, 1e-12));
        Assert.True(report.Slices[0].QValue < 1e-10, $"q = {report.Slices[0].QValue}");
        Assert.Equal("twoProportionZ", report.Slices[0].Test);
        Assert.True(report.Examined < PlantedBruteForce.Lattice / 10, $"examined {report.Examined} of {PlantedBruteForce.Lattice}");
    }

    [Fact]
    public async Task Run_OnAColumnOfHundredsOfValues_SearchesEveryValue()
    {
        var model = new ModelDefinition { Task = ModelTask.MulticlassClassification, Features = [new FeatureDefinition("origin", FeatureType.Categorical)] };
        var rows = new List<TestRow>();
        for (var row = 0; row < 24_000; row++)
        {
            var origin = $"A{row % 240:D3}";
            var wrong = origin == "A197" || row % 50 == 0;
            rows.Add(new TestRow($"r{row}", new Dictionary<string, object?> { ["origin"] = origin }, TestRow.NoTags, wrong ? "east" : "west", double.NaN, "west"));
        }

        var report = await WorstSliceSearch.RunAsync(model, null, Query(0.95, 50, 1, 10), TestRow.Stream(rows.Chunk(1_000).Select(chunk => TestRow.Block(model, chunk))), CancellationToken.None);

        Assert.Equal("origin = A197", report.Slices[0].Name);
        Assert.Equal(100, report.Slices[0].Size);
        Assert.Equal(1.0, report.Slices[0].Error);
        Assert.Equal(0.0, report.Slices[0].Accuracy);
        Assert.Equal(240, report.Examined);
    }

    [Fact]
    public async Task Run_WithATagOnlyLaterBlocksCarry_CodesEarlierRowsAsMissing_AndFindsTheTagsWeakValue()
    {
        var model = new ModelDefinition { Task = ModelTask.BinaryClassification, Features = [new FeatureDefinition("size", FeatureType.Numeric)] };
        var early = Enumerable.Range(0, 400).Select(i => new TestRow($"e{i}", new Dictionary<string, object?> { ["size"] = (double)i }, TestRow.NoTags, i % 5 == 0 ? "1" : "0", double.NaN, "0")).ToList();
        var late = Enumerable.Range(0, 400).Select(i => new TestRow(
            $"l{i}",
            new Dictionary<string, object?> { ["size"] = (double)i },
            new Dictionary<string, string> { ["carrier"] = i % 4 == 0 ? "ZZ" : "AA" },
            i % 4 == 0 || i % 5 == 0 ? "1" : "0",
            double.NaN,
            "0")).ToList();
        var blocks = new[] { TestRow.Block(model, early), TestRow.Block(model, late) };

        var report = await WorstSliceSearch.RunAsync(model, Baseline([("size", [200.0])]), Query(0.95, 50, 2, 10), TestRow.Stream(blocks), CancellationToken.None);

        Assert.Equal(800, report.Rows);
        Assert.Equal("carrier = ZZ", report.Slices[0].Name);
        Assert.Equal(100, report.Slices[0].Size);
        Assert.Contains(report.Slices, slice => slice.Name == "size in [-inf, 200) & carrier = ZZ");
        Assert.Equal("training", report.Baseline);
    }

    [Theory]
    [InlineData(SliceErrorMetrics.Error, 2.0, 0.5)]
    [InlineData(SliceErrorMetrics.SquaredError, 4.0, 0.25)]
    public async Task Run_OnARegressor_RanksByTheRowsLoss_WithWelchsTest(string metric, double weakError, double otherError)
    {
        var model = new ModelDefinition { Task = ModelTask.Regression, Features = [new FeatureDefinition("region", FeatureType.Categorical)] };
        var rows = Enumerable.Range(0, 400).Select(i =>
        {
            var region = i % 4 == 0 ? "north" : "south";
            var miss = region == "north" ? 2.0 : 0.5;
            return new TestRow($"g{i}", new Dictionary<string, object?> { ["region"] = region }, TestRow.NoTags, null, double.NaN, null, 10, 10 + (i % 8 < 4 ? miss : -miss));
        }).ToList();

        var report = await WorstSliceSearch.RunAsync(model, null, Query(0.95, 10, 1, 5) with { Metric = metric }, TestRow.Stream([TestRow.Block(model, rows)]), CancellationToken.None);

        var north = Assert.Single(report.Slices);
        Assert.Equal("region = north", north.Name);
        Assert.Equal(weakError, north.Error, 1e-12);
        Assert.Equal(weakError - otherError, north.ErrorVsRest, 1e-12);
        Assert.Null(north.Accuracy);
        Assert.Null(report.OverallAccuracy);
        Assert.Equal("welchT", north.Test);
        Assert.Equal(((100 * weakError) + (300 * otherError)) / 400, report.OverallError!.Value, 1e-12);
    }

    [Fact]
    public async Task Run_WithoutLabelledRows_AnswersNoSlicesAndSaysWhy()
    {
        var model = WeatherScenarioData.Model;
        var rows = Enumerable.Range(0, 50).Select(i => new TestRow($"u{i}", new Dictionary<string, object?> { ["location"] = "Seattle" }, TestRow.NoTags, "1", 0.7, null)).ToList();

        var report = await WorstSliceSearch.RunAsync(model, null, Query(0.95, null, 2, 10), TestRow.Stream([TestRow.Block(model, rows, sampled: true)]), CancellationToken.None);

        Assert.Empty(report.Slices);
        Assert.Equal(0, report.Rows);
        Assert.Equal("the window has no labelled rows", report.Reason);
        Assert.Null(report.OverallError);
        Assert.True(report.Sampled);
        Assert.Equal(WeatherScenarioData.NumericFeatures, report.Unbinned);
    }

    [Fact]
    public async Task Run_WhenTheCallerCancels_StopsReadingTheRows()
    {
        var model = WeatherScenarioData.Model;
        using var cancellation = new CancellationTokenSource();
        var read = 0;
        async IAsyncEnumerable<RowBlock> Endless()
        {
            for (var i = 0; i < 1_000; i++)
            {
                read++;
                if (i == 2)
                {
                    await cancellation.CancelAsync();
                }

                await Task.Yield();
                yield return TestRow.Block(model, [new TestRow($"c{i}", new Dictionary<string, object?> { ["location"] = "Seattle" }, TestRow.NoTags, "1", 0.7, "0")]);
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => WorstSliceSearch.RunAsync(model, null, Query(0.95, 1, 2, 10), Endless(), cancellation.Token));

        Assert.InRange(read, 3, 4);
    }

    private static WorstSliceQuery Query(double alpha, int? minSize, int maxConditions, int limit) =>
        new(null, null, From, To, null, SliceErrorMetrics.Error, minSize, maxConditions, alpha, limit);

    private static ModelDefinition PlantedModel() => new()
    {
        Task = ModelTask.BinaryClassification,
        Features = [
            .. Enumerable.Range(0, 6).Select(c => new FeatureDefinition($"c{c}", FeatureType.Categorical)),
            .. Enumerable.Range(0, 4).Select(x => new FeatureDefinition($"x{x}", FeatureType.Numeric))],
    };

    private static Baseline WeatherBaseline()
    {
        using var truth = WeatherScenarioData.Truth();
        var bins = truth.RootElement.GetProperty("reference").GetProperty("bins");
        return Baseline(WeatherScenarioData.NumericFeatures.Select(name =>
            (name, bins.GetProperty(name).GetProperty("cut_points").EnumerateArray().Select(cut => cut.GetDouble()).ToArray())));
    }

    private static Baseline Baseline(IEnumerable<(string Column, double[] CutPoints)> columns) => new()
    {
        Name = "training",
        Revision = 1,
        Spec = new BaselineSpec { Version = "v1", Environment = "training" },
        FrozenAt = From,
        RecordCount = 0,
        Columns = [.. columns.Select(column => new BaselineColumn { Column = column.Column, Type = FeatureType.Numeric, CutPoints = [.. column.CutPoints] })],
    };

    /// <summary>The production rows, newest first, in blocks of one UTC day as the row store streams them.</summary>
    private static IEnumerable<RowBlock> WeatherBlocks()
    {
        var model = WeatherScenarioData.Model;
        var rows = new List<(DateTimeOffset Time, TestRow Row)>();
        foreach (var line in File.ReadLines(Path.Combine(WeatherScenarioData.Directory, "scenario-weather-production.jsonl")).Where(line => line.Length > 0))
        {
            using var record = JsonDocument.Parse(line);
            var root = record.RootElement;
            var features = root.GetProperty("features").EnumerateObject().ToDictionary(
                feature => feature.Name,
                feature => feature.Value.ValueKind == JsonValueKind.Number ? (object?)feature.Value.GetDouble() : feature.Value.GetString());
            rows.Add((
                DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture),
                new TestRow(
                    root.GetProperty("prediction_id").GetString()!,
                    features,
                    TestRow.NoTags,
                    root.GetProperty("prediction").GetInt32().ToString(CultureInfo.InvariantCulture),
                    root.GetProperty("score").GetDouble(),
                    root.GetProperty("actual").GetInt32().ToString(CultureInfo.InvariantCulture))));
        }

        return rows.OrderByDescending(row => row.Time)
            .GroupBy(row => row.Time.UtcDateTime.Date)
            .Select(day => TestRow.Block(model, [.. day.Select(row => row.Row)]));
    }

    private static string ConditionText(JsonElement condition)
    {
        var feature = condition.GetProperty("feature").GetString()!;
        return condition.TryGetProperty("value", out var value)
            ? $"{feature} = {value.GetString()}"
            : $"{feature} in {SliceCondition.Interval(Bound(condition.GetProperty("lo")), Bound(condition.GetProperty("hi")))}";
    }

    private static double Bound(JsonElement bound) => bound.ValueKind == JsonValueKind.Number
        ? bound.GetDouble()
        : bound.GetString() == "-Infinity" ? double.NegativeInfinity : double.PositiveInfinity;

    /// <summary>Python writes ±Infinity and NaN as bare words; quote them so the JSON reader accepts them.</summary>
    private static string QuoteNonFinite(string json) => NonFinite().Replace(json, "\"$1\"");

    [GeneratedRegex(@"(-?Infinity|NaN)(?=\s*[,}\]])")]
    private static partial Regex NonFinite();
}
