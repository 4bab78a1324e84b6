using OrleansEval.Baselines;
using OrleansEval.Grains.RootCause;
using OrleansEval.Grains.Tests.WorstSlices;
using OrleansEval.Models;
using OrleansEval.RootCause;
using OrleansEval.Rows;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.RootCause;

/// <summary>
/// The root cause over hand-made rows, each figure against the formulas computed here row by row: current rows without
/// an actual (driftImpact counts them, mix and within do not), a window without labels, a slice, missing values and an
/// unseen category, regression losses, and cancellation.
/// </summary>
public sealed class RootCauseEngineTests
{
    private static readonly double[] Cuts = [25, 40, 60];

    private static readonly ModelDefinition Model = new()
    {
        Task = ModelTask.BinaryClassification,
        PositiveLabel = "1",
        NegativeLabel = "0",
        Threshold = 0.5,
        Features = [new FeatureDefinition("age", FeatureType.Numeric), new FeatureDefinition("plan", FeatureType.Categorical)],
    };

    [Fact]
    public async Task Run_WithUnlabelledCurrentRows_CountsThemInDriftImpactOnly_AndEveryBinEqualsTheFormulas()
    {
        var baseline = Rows(new Random(1), 400, youngShare: 0.1, labelledShare: 1, wrongWhenYoung: 0.5);
        var current = Rows(new Random(2), 600, youngShare: 0.5, labelledShare: 0.6, wrongWhenYoung: 0.7);

        var report = await RunAsync(baseline, current, RootCauseMetrics.Accuracy);

        Assert.Equal(400, report.Baseline.Labelled);
        Assert.Equal(current.Count(row => row.Actual is not null), report.Current.Labelled);
        Assert.Equal(600, report.Current.Rows);
        Assert.True(report.Current.Labelled < report.Current.Rows);
        AssertEveryBinEqualsTheFormulas(report, baseline, current, Accuracy);
        Assert.Equal("age", report.Features[0].Name);
        var age = report.Features[0];
        Assert.NotEqual(age.Mix!.Value, age.DriftImpact!.Value, 1e-6);
    }

    [Fact]
    public async Task Run_WhenYoungUsersGrowFrom5To40PercentAndAreTwiceAsOftenWrong_RanksAgeFirst_WithTheYoungBinLeading()
    {
        var baseline = Rows(new Random(21), 4000, youngShare: 0.05, labelledShare: 1, wrongWhenYoung: 0.4);
        var current = Rows(new Random(22), 4000, youngShare: 0.40, labelledShare: 1, wrongWhenYoung: 0.4);

        var report = await RunAsync(baseline, current, RootCauseMetrics.Accuracy);

        var age = report.Features[0];
        Assert.Equal("age", age.Name);
        Assert.True(report.Change < -0.04, $"accuracy fell by {report.Change}");
        Assert.True(Math.Abs(age.Mix!.Value) >= 0.5 * Math.Abs(report.Change!.Value), $"age's mix {age.Mix} against a change of {report.Change}");
        var young = age.Bins[0];
        Assert.Null(young.Lower);
        Assert.Equal(25, young.Upper);
        Assert.InRange(young.CurrentShare!.Value, 0.37, 0.43);
        Assert.True(young.Mix < 0);
        AssertEveryBinEqualsTheFormulas(report, baseline, current, Accuracy);
    }

    [Fact]
    public async Task Run_WithoutLabelledCurrentRows_AnswersDriftImpactAlone_AndSaysWhy()
    {
        var baseline = Rows(new Random(3), 300, youngShare: 0.1, labelledShare: 1, wrongWhenYoung: 0.6);
        var current = Rows(new Random(4), 200, youngShare: 0.6, labelledShare: 0, wrongWhenYoung: 0.6);

        var report = await RunAsync(baseline, current, RootCauseMetrics.Accuracy);

        Assert.Null(report.Current.Value);
        Assert.Null(report.Change);
        Assert.Equal(0, report.Current.Labelled);
        Assert.All(report.Features, feature =>
        {
            Assert.Null(feature.Mix);
            Assert.Null(feature.Within);
            Assert.NotNull(feature.DriftImpact);
        });
        Assert.Contains(report.Gaps, gap => gap.Part == "mix" && gap.Reason.Contains("only driftImpact", StringComparison.Ordinal));
        Assert.Equal("age", report.Features[0].Name);
        Assert.True(report.Features[0].DriftImpact < 0);
        AssertEveryBinEqualsTheFormulas(report, baseline, current, Accuracy);
    }

    [Fact]
    public async Task Run_OnASlice_CountsOnlyItsRowsOnBothSides()
    {
        var baseline = Rows(new Random(5), 500, youngShare: 0.2, labelledShare: 1, wrongWhenYoung: 0.5);
        var current = Rows(new Random(6), 500, youngShare: 0.4, labelledShare: 1, wrongWhenYoung: 0.8);
        var gold = new RootCauseQuery { From = DateTimeOffset.UnixEpoch, To = DateTimeOffset.UnixEpoch.AddDays(1), Conditions = [SliceCondition.EqualTo("plan", "gold")] };

        var report = await RootCauseEngine.RunAsync(Model, Baseline(), gold, RootCauseMetrics.ErrorRate, Stream(baseline), Stream(current), CancellationToken.None);

        var inGold = (TestRow row) => Equals(row.Features["plan"], "gold");
        Assert.Equal(baseline.Count(inGold), report.Baseline.Rows);
        Assert.Equal(current.Count(inGold), report.Current.Rows);
        Assert.Equal(["plan = gold"], report.Conditions.Select(condition => condition.ToString()));
        AssertEveryBinEqualsTheFormulas(report, [.. baseline.Where(inGold)], [.. current.Where(inGold)], row => 1 - Accuracy(row)!.Value);
        var plan = report.Features.Single(feature => feature.Name == "plan");
        Assert.Equal(["gold"], plan.Bins.Select(bin => bin.Category));
    }

    [Fact]
    public async Task Run_WithNoRowOnEitherSide_AnswersNoContribution_NotZero()
    {
        var report = await RunAsync([], [], RootCauseMetrics.Accuracy);

        Assert.Equal(["age", "plan"], report.Features.Select(feature => feature.Name).Order(StringComparer.Ordinal));
        Assert.Empty(report.Features.Single(feature => feature.Name == "plan").Bins);
        Assert.All(report.Features, feature =>
        {
            Assert.Null(feature.Mix);
            Assert.Null(feature.Within);
            Assert.Null(feature.DriftImpact);
        });
    }

    [Fact]
    public async Task Run_WithMissingValuesAndANewCategory_HasAMissingBin_AndTheirRates()
    {
        var baseline = Rows(new Random(7), 200, youngShare: 0.2, labelledShare: 1, wrongWhenYoung: 0.5);
        var current = Rows(new Random(8), 200, youngShare: 0.2, labelledShare: 1, wrongWhenYoung: 0.5)
            .Select((row, i) => i % 4 == 0 ? row with { Features = new Dictionary<string, object?> { ["age"] = double.NaN, ["plan"] = "trial" } } : row)
            .ToList();

        var report = await RunAsync(baseline, current, RootCauseMetrics.Accuracy);

        var age = report.Features.Single(feature => feature.Name == "age");
        var plan = report.Features.Single(feature => feature.Name == "plan");
        Assert.Equal(0.25, age.CurrentMissingRate!.Value, 1e-15);
        Assert.Equal(0, age.BaselineMissingRate!.Value);
        Assert.Equal(0.25, plan.UnseenCategoryRate!.Value, 1e-15);
        var missing = Assert.Single(age.Bins, bin => bin.Missing);
        Assert.Equal(50, missing.RowsCurrent);
        Assert.Null(missing.BaselineMetric);
        Assert.Equal(0, missing.Mix!.Value);
        Assert.Contains(plan.Bins, bin => bin.Category == "trial" && bin.LabelledBaseline == 0 && bin.LabelledCurrent == 50);
        AssertEveryBinEqualsTheFormulas(report, baseline, current, Accuracy);
    }

    [Fact]
    public async Task Run_ForARegressor_ExplainsTheMeanAbsoluteAndSquaredError()
    {
        var model = Model with { Task = ModelTask.Regression };
        var random = new Random(9);
        List<TestRow> Regression(int count, double youngShare, double youngError) => [.. Enumerable.Range(0, count).Select(i =>
        {
            var age = random.NextDouble() < youngShare ? 18 + (random.NextDouble() * 7) : 25 + (random.NextDouble() * 50);
            var error = (age < 25 ? youngError : 1) * (random.NextDouble() - 0.5);
            return new TestRow($"r{i}", new Dictionary<string, object?> { ["age"] = age, ["plan"] = i % 2 == 0 ? "gold" : "basic" }, TestRow.NoTags, null, double.NaN, null, 10, 10 + error);
        })];
        var baseline = Regression(300, 0.1, 2);
        var current = Regression(300, 0.5, 6);

        foreach (var (metric, loss) in new (string, Func<TestRow, double?>)[] { (RootCauseMetrics.Mae, row => Math.Abs(row.ActualValue - row.PredictedValue)), (RootCauseMetrics.SquaredError, row => Math.Pow(row.ActualValue - row.PredictedValue, 2)) })
        {
            var query = new RootCauseQuery { From = DateTimeOffset.UnixEpoch, To = DateTimeOffset.UnixEpoch.AddDays(1) };
            var report = await RootCauseEngine.RunAsync(model, Baseline(), query, metric, Stream(baseline, model), Stream(current, model), CancellationToken.None);

            Assert.Equal(metric, report.Metric);
            Assert.Equal("age", report.Features[0].Name);
            AssertEveryBinEqualsTheFormulas(report, baseline, current, loss);
        }
    }

    [Fact]
    public async Task Run_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var rows = Rows(new Random(10), 10, youngShare: 0.5, labelledShare: 1, wrongWhenYoung: 0.5);
        var query = new RootCauseQuery { From = DateTimeOffset.UnixEpoch, To = DateTimeOffset.UnixEpoch.AddDays(1) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            RootCauseEngine.RunAsync(Model, Baseline(), query, RootCauseMetrics.Accuracy, Stream(rows), Stream(rows), cancel.Token));
    }

    private static Task<RootCauseReport> RunAsync(List<TestRow> baseline, List<TestRow> current, string metric)
    {
        var query = new RootCauseQuery { From = DateTimeOffset.UnixEpoch, To = DateTimeOffset.UnixEpoch.AddDays(1) };
        return RootCauseEngine.RunAsync(Model, Baseline(), query, metric, Stream(baseline), Stream(current), CancellationToken.None);
    }

    // Row by row, independently of the engine: for each bin, the labelled and all rows of each side and the formulas.
    private static void AssertEveryBinEqualsTheFormulas(RootCauseReport report, List<TestRow> baseline, List<TestRow> current, Func<TestRow, double?> loss)
    {
        var baseLabelled = baseline.Where(row => loss(row) is not null).ToList();
        var curLabelled = current.Where(row => loss(row) is not null).ToList();
        var mBase = baseLabelled.Average(row => loss(row)!.Value);
        double? mCur = curLabelled.Count > 0 ? curLabelled.Average(row => loss(row)!.Value) : null;
        Assert.Equal(mBase, report.Baseline.Value!.Value, 1e-12);
        if (mCur is { } change)
        {
            Assert.Equal(change - mBase, report.Change!.Value, 1e-12);
        }
        else
        {
            Assert.Null(report.Change);
        }
        foreach (var feature in report.Features)
        {
            foreach (var bin in feature.Bins)
            {
                bool In(TestRow row) => InBin(feature.Name, bin, row.Features.GetValueOrDefault(feature.Name));
                var nb = baseLabelled.Count(In);
                var wb = (double)nb / baseLabelled.Count;
                var mbb = nb > 0 ? baseLabelled.Where(In).Average(row => loss(row)!.Value) : mBase;
                var v = (double)current.Count(In) / current.Count;
                Assert.Equal(nb, bin.LabelledBaseline);
                Assert.Equal(current.Count(In), bin.RowsCurrent);
                Assert.Equal((v - wb) * (mbb - mBase), bin.DriftImpact!.Value, 1e-12);
                if (mCur is null)
                {
                    continue;
                }

                var nc = curLabelled.Count(In);
                var wc = (double)nc / curLabelled.Count;
                var within = nc > 0 ? wc * (curLabelled.Where(In).Average(row => loss(row)!.Value) - mbb) : 0;
                Assert.Equal(nc, bin.LabelledCurrent);
                Assert.Equal((wc - wb) * (mbb - mBase), bin.Mix!.Value, 1e-12);
                Assert.Equal(within, bin.Within!.Value, 1e-12);
            }

            if (mCur is { } value)
            {
                Assert.Equal(value - mBase, feature.Bins.Sum(bin => bin.Mix!.Value + bin.Within!.Value), 1e-12);
            }
        }
    }

    private static bool InBin(string feature, BinContribution bin, object? value) => (feature, value) switch
    {
        (_, null) => bin.Missing,
        (_, double.NaN) => bin.Missing,
        (_, double number) => !bin.Missing && number >= (bin.Lower ?? double.NegativeInfinity) && number < (bin.Upper ?? double.PositiveInfinity),
        (_, string category) => category == bin.Category,
        _ => false,
    };

    private static double? Accuracy(TestRow row) => row.Actual is null ? null : row.Predicted == row.Actual ? 1 : 0;

    // Young users (age under 25) are wrong with the given probability, everyone else one time in five.
    private static List<TestRow> Rows(Random random, int count, double youngShare, double labelledShare, double wrongWhenYoung) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var young = random.NextDouble() < youngShare;
            var age = young ? 18 + (random.NextDouble() * 7) : 25 + (random.NextDouble() * 50);
            var wrong = random.NextDouble() < (young ? wrongWhenYoung : 0.2);
            var actual = random.Next(2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var predicted = wrong ? (actual == "1" ? "0" : "1") : actual;
            var features = new Dictionary<string, object?> { ["age"] = age, ["plan"] = random.Next(3) switch { 0 => "gold", 1 => "basic", _ => "free" } };
            return new TestRow($"p{i}", features, TestRow.NoTags, predicted, predicted == "1" ? 0.8 : 0.2, random.NextDouble() < labelledShare ? actual : null);
        }),
    ];

    private static Baseline Baseline() => new()
    {
        Name = "training",
        Revision = 1,
        Spec = new BaselineSpec { Version = "v1", Environment = "training" },
        FrozenAt = DateTimeOffset.UnixEpoch,
        RecordCount = 0,
        Columns = [new BaselineColumn { Column = "age", Type = FeatureType.Numeric, CutPoints = [.. Cuts] }],
    };

    private static IAsyncEnumerable<RowBlock> Stream(List<TestRow> rows, ModelDefinition? model = null) =>
        TestRow.Stream(rows.Chunk(64).Select(chunk => TestRow.Block(model ?? Model, chunk)));
}
