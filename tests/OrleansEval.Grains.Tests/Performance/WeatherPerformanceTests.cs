using System.Collections.Immutable;
using System.Text.Json;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Ingest;
using OrleansEval.Performance;

namespace OrleansEval.Grains.Tests.Performance;

/// <summary>
/// Replays the weather scenario with actuals and compares the realised metrics, the label-free estimate and the
/// single-feature slices with the truth computed independently with scikit-learn and NannyML.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WeatherPerformanceTests(ClusterFixture fixture)
{
    private static readonly string[] Binary = ["accuracy", "precision", "recall", "f1", "specificity", "rocAuc", "logLoss", "brier"];
    private static readonly string[] TruthNames = ["accuracy", "precision", "recall", "f1", "specificity", "roc_auc", "log_loss", "brier"];

    [Fact]
    public async Task Performance_EveryMonthAndEverySingleFeatureSlice_MatchesTruth_AndLateShuffledActualsGiveTheSame()
    {
        using var truth = WeatherScenarioData.Truth();
        var inline = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "perf", withheldActuals: false);
        var late = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "late", withheldActuals: true);

        var beforeActuals = await WeatherPerformanceScenario.MonthAsync(fixture.Grains, late, new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(62, beforeActuals.Predictions);
        Assert.Equal(0, beforeActuals.Labelled);

        await WeatherPerformanceScenario.SendActualsShuffledAsync(fixture.Grains, late);

        var worstEstimate = 0.0;
        foreach (var (month, start, window) in WeatherPerformanceScenario.Months(truth))
        {
            var expected = window.GetProperty("performance");
            var realised = await WeatherPerformanceScenario.MonthAsync(fixture.Grains, inline, start);
            var afterLate = await WeatherPerformanceScenario.MonthAsync(fixture.Grains, late, start);

            Assert.Equal(expected.GetProperty("n").GetInt64(), realised.Labelled);
            AssertMetrics(month, expected, realised.Realised);
            Assert.Equal(Values(realised.Realised), Values(afterLate.Realised));
            Assert.Equal(Values(realised.Estimated), Values(afterLate.Estimated));

            var cbpe = window.GetProperty("cbpe_estimate");
            foreach (var (name, truthName) in new[] { ("accuracy", "accuracy"), ("precision", "precision"), ("recall", "recall"), ("f1", "f1"), ("rocAuc", "roc_auc") })
            {
                var difference = Math.Abs(cbpe.GetProperty(truthName).GetDouble() - realised.Estimated[name]!.Value!.Value);
                worstEstimate = Math.Max(worstEstimate, difference);
                Assert.True(difference <= 0.01, $"{month} estimated {name} differs by {difference}");
            }
        }

        Assert.True(worstEstimate < 1e-6, $"the estimate should match NannyML's to rounding, differs by {worstEstimate}");

        var from = new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var slice in truth.RootElement.GetProperty("slices_production").GetProperty("single_feature").EnumerateArray())
        {
            var name = WeatherPerformanceScenario.ColumnSlice(slice.GetProperty("slice").EnumerateObject().Single());
            var answer = await fixture.Grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(inline, new PerformanceQuery("v1", "production", from, to, name, null, false));
            Assert.True(answer.Report is not null, $"{name}: {answer.Error}");
            Assert.Equal(slice.GetProperty("n").GetInt64(), answer.Report.Total.Labelled);
            AssertMetrics(name, slice, answer.Report.Total.Realised);
        }
    }

    [Fact]
    public async Task Actual_SentTwiceWithADifferentLabel_ChangesTheMetricsExactlyOnce()
    {
        using var truth = WeatherScenarioData.Truth();
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "twice", withheldActuals: false);
        var january = new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var record = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production")[0];
        var flipped = record.Actual!.Label.AsCategory() == "1" ? "0" : "1";
        var worker = fixture.Grains.GetGrain<IIngestWorker>(0);
        var before = await WeatherPerformanceScenario.MonthAsync(fixture.Grains, modelId, january);

        var first = await worker.IngestActualsAsync(modelId, "flip-1", [new ActualRecord(0, record.PredictionId, new ActualInput(FeatureValue.Of(flipped), FeatureValue.Missing))]);
        var once = await WeatherPerformanceScenario.MonthAsync(fixture.Grains, modelId, january);
        await worker.IngestActualsAsync(modelId, "flip-2", [new ActualRecord(0, record.PredictionId, new ActualInput(FeatureValue.Of(flipped), FeatureValue.Missing))]);
        var again = await WeatherPerformanceScenario.MonthAsync(fixture.Grains, modelId, january);
        await worker.IngestActualsAsync(modelId, "flip-1", [new ActualRecord(0, record.PredictionId, new ActualInput(FeatureValue.Of(flipped), FeatureValue.Missing))]);
        var retried = await WeatherPerformanceScenario.MonthAsync(fixture.Grains, modelId, january);

        Assert.Equal(1, first!.Accepted);
        Assert.Equal(62, once.Labelled);
        Assert.NotEqual(Values(before.Realised), Values(once.Realised));
        var accuracyChange = Math.Abs(once.Realised["accuracy"]!.Value!.Value - before.Realised["accuracy"]!.Value!.Value);
        Assert.Equal(1.0 / 62, accuracyChange, 12);
        Assert.Equal(Values(once.Realised), Values(again.Realised));
        Assert.Equal(Values(once.Realised), Values(retried.Realised));
    }

    [Fact]
    public async Task Actual_BeforeItsPrediction_IsHeldAndJoinedWhenThePredictionArrives()
    {
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "early", withheldActuals: true);
        var worker = fixture.Grains.GetGrain<IIngestWorker>(0);
        var early = new RecordInput
        {
            Index = 0,
            PredictionId = "early-1",
            Timestamp = new DateTimeOffset(2016, 1, 1, 12, 0, 0, TimeSpan.Zero),
            Version = "v1",
            Environment = "production",
            Features = ImmutableDictionary<string, FeatureValue>.Empty.Add("location", FeatureValue.Of("Seattle")).Add("temp_max", FeatureValue.Of(5.0)),
            Prediction = new PredictionInput(FeatureValue.Missing, FeatureValue.Of(0.9), FeatureValue.Missing),
        };

        var held = await worker.IngestActualsAsync(modelId, "early-actual", [new ActualRecord(3, "early-1", new ActualInput(FeatureValue.Of("0"), FeatureValue.Missing))]);
        await worker.IngestAsync(modelId, new IngestBatch("early-record", [early], []));
        var day = await fixture.Grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(
            modelId, new PerformanceQuery("v1", "production", early.Timestamp.Date, early.Timestamp.Date.AddDays(1), "all", null, false));

        Assert.Equal(3, Assert.Single(held!.Unmatched).Index);
        Assert.Equal(1, day.Report!.Total.Labelled);
        Assert.Equal(0.0, day.Report.Total.Realised["accuracy"]!.Value);
    }

    [Fact]
    public async Task Performance_WindowAnswer_EqualsTheSameRecordsInOneBucket()
    {
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "window", withheldActuals: false);
        var query = new PerformanceQuery("v1", "production", new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2014, 1, 1, 0, 0, 0, TimeSpan.Zero), "all", null, true);
        var answer = await fixture.Grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(modelId, query);

        // The same 2013 records, all stamped into one bucket of another model.
        var single = $"single-{Guid.NewGuid():N}"[..20];
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(single).DefineAsync(WeatherScenarioData.Model with { Bucket = TimeSpan.FromDays(7) })).Error);
        var records = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production")
            .Where(r => r.Timestamp.Year == 2013)
            .Select(r => r with { Timestamp = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) })
            .ToList();
        await WeatherScenarioData.IngestAsync(fixture.Grains, single, records);
        var oneBucket = await fixture.Grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(
            single, new PerformanceQuery("v1", "production", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero), "all", null, false));

        Assert.Equal(12, answer.Report!.Series.Length);
        Assert.Equal(730, answer.Report.Total.Labelled);
        Assert.Equal(Values(oneBucket.Report!.Total.Realised), Values(answer.Report.Total.Realised));
    }

    private static void AssertMetrics(string what, JsonElement expected, MetricSet actual)
    {
        for (var i = 0; i < Binary.Length; i++)
        {
            var value = actual[Binary[i]]?.Value;
            var truth = expected.GetProperty(TruthNames[i]).GetDouble();
            Assert.True(value is { } v && Math.Abs(v - truth) <= 1e-9 * Math.Max(1, Math.Abs(truth)), $"{what}: {Binary[i]} is {value}, truth {truth}");
        }
    }

    private static IEnumerable<(string, double?)> Values(MetricSet set) => set.Metrics.Select(m => (m.Key, m.Value.Value));
}
