using System.Collections.Immutable;
using System.Globalization;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Grains.Tests.Performance;
using OrleansEval.Ingest;
using OrleansEval.RootCause;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.RootCause;

/// <summary>
/// A root cause counted from the slice grains' per-bin state equals, figure by figure, the one counted from the kept rows
/// of the same window: for every production month of the weather scenario, after late actuals and corrections that came
/// after the records, and falls back to rows, saying so, for a drill-down or a window the buckets do not cover.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RootCausePerBinTests(ClusterFixture fixture)
{
    private const double Tolerance = 1e-9;
    private static readonly DateTimeOffset January2013 = new(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RootCause_OfEveryWeatherMonth_FromBins_EqualsTheRowsAnswer()
    {
        ClusterFixture.Clock.Set(January2013);
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "perbin", withheldActuals: false);

        for (var month = 0; month < 36; month++)
        {
            var from = January2013.AddMonths(month);
            await AssertBinsEqualRowsAsync(modelId, from, from.AddMonths(1), RootCauseMetrics.Accuracy);
        }

        await AssertBinsEqualRowsAsync(modelId, January2013, January2013.AddYears(1), RootCauseMetrics.ErrorRate);
    }

    [Fact]
    public async Task RootCause_AfterLateActualsAndCorrections_FromBins_EqualsTheRowsAnswer()
    {
        ClusterFixture.Clock.Set(January2013);
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "perbinlate", withheldActuals: true);
        var (from, to) = (January2013, January2013.AddYears(1));
        var unlabelled = await AssertBinsEqualRowsAsync(modelId, from, to, RootCauseMetrics.Accuracy);
        Assert.Equal(0, unlabelled.Current.Labelled);

        await WeatherPerformanceScenario.SendActualsShuffledAsync(fixture.Grains, modelId);
        var labelled = await AssertBinsEqualRowsAsync(modelId, from, to, RootCauseMetrics.Accuracy);
        var corrected = await SendCorrectionsAsync(modelId);
        var after = await AssertBinsEqualRowsAsync(modelId, from, to, RootCauseMetrics.Accuracy);

        Assert.Equal(labelled.Current.Rows, labelled.Current.Labelled);
        Assert.Equal(labelled.Current.Labelled, after.Current.Labelled);
        Assert.True(corrected > 0);
        Assert.NotEqual(labelled.Current.Value, after.Current.Value);
    }

    [Fact]
    public async Task RootCause_OfADrillDownOrAWindowOffTheBuckets_IsCountedFromRows()
    {
        ClusterFixture.Clock.Set(January2013);
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "perbinrows", withheldActuals: false);
        var seattle = SliceCondition.EqualTo("location", "Seattle");

        var sliced = await AskAsync(modelId, January2013, January2013.AddMonths(1), RootCauseMetrics.Accuracy, null, [seattle]);
        var offBuckets = await AskAsync(modelId, January2013.AddMinutes(30), January2013.AddMonths(1), RootCauseMetrics.Accuracy, null, []);
        var logLoss = await AskAsync(modelId, January2013, January2013.AddMonths(1), RootCauseMetrics.LogLoss, null, []);

        Assert.Equal(RootCauseSources.Rows, sliced.Source);
        Assert.DoesNotContain(sliced.Gaps, gap => gap.Part == RootCauseSources.Bins);
        Assert.Equal(RootCauseSources.Rows, offBuckets.Source);
        Assert.Contains(offBuckets.Gaps, gap => gap.Part == RootCauseSources.Bins && gap.Reason.Contains("buckets", StringComparison.Ordinal));
        Assert.Equal(RootCauseSources.Rows, logLoss.Source);
        Assert.Contains(logLoss.Gaps, gap => gap.Part == RootCauseSources.Bins);
    }

    private async Task<RootCauseReport> AssertBinsEqualRowsAsync(string modelId, DateTimeOffset from, DateTimeOffset to, string metric)
    {
        var bins = await AskAsync(modelId, from, to, metric, null, []);
        var rows = await AskAsync(modelId, from, to, metric, RootCauseSources.Rows, []);

        Assert.Equal(RootCauseSources.Bins, bins.Source);
        Assert.Equal(RootCauseSources.Rows, rows.Source);
        AssertSameFigures(rows, bins);
        return bins;
    }

    private async Task<RootCauseReport> AskAsync(string modelId, DateTimeOffset from, DateTimeOffset to, string metric, string? source, ImmutableArray<SliceCondition> conditions)
    {
        var answer = await fixture.Grains.GetGrain<IRootCauseWorker>(0).RootCauseAsync(modelId, new RootCauseQuery
        {
            Baseline = "training", Version = "v1", Environment = "production", From = from, To = to, Metric = metric,
            Source = source, Conditions = conditions,
        });
        Assert.Null(answer.Error);
        return answer.Report!;
    }

    // Every figure the per-bin state answers (a binary classifier's prediction and actual drift too), out-of-range rates aside.
    private static void AssertSameFigures(RootCauseReport rows, RootCauseReport bins)
    {
        Close(rows.Baseline.Value, bins.Baseline.Value);
        Assert.Equal(rows.Baseline.Labelled, bins.Baseline.Labelled);
        Assert.Equal(rows.Baseline.Rows, bins.Baseline.Rows);
        Close(rows.Baseline.Deviation, bins.Baseline.Deviation);
        Close(rows.Current.Value, bins.Current.Value);
        Assert.Equal(rows.Current.Labelled, bins.Current.Labelled);
        Assert.Equal(rows.Current.Rows, bins.Current.Rows);
        Close(rows.Current.Deviation, bins.Current.Deviation);
        Close(rows.Current.Estimated, bins.Current.Estimated);
        Close(rows.Change, bins.Change);
        Assert.Equal(rows.Prediction!.Column, bins.Prediction!.Column);
        Close(rows.Prediction.Drift?.Value, bins.Prediction.Drift?.Value);
        Assert.Equal(rows.Actual!.Column, bins.Actual!.Column);
        Close(rows.Actual.Drift?.Value, bins.Actual.Drift?.Value);
        Assert.Equal(rows.FailureMode?.Kind, bins.FailureMode?.Kind);
        Assert.Equal(rows.Features.Select(f => f.Name).Order(StringComparer.Ordinal), bins.Features.Select(f => f.Name).Order(StringComparer.Ordinal));
        foreach (var expected in rows.Features)
        {
            var actual = bins.Features.Single(f => f.Name == expected.Name);
            Assert.Equal(expected.Type, actual.Type);
            Assert.Equal(expected.Drift?.Measure, actual.Drift?.Measure);
            Close(expected.Drift?.Value, actual.Drift?.Value);
            Assert.Equal(expected.Drift?.Drifted, actual.Drift?.Drifted);
            Close(expected.Mix, actual.Mix);
            Close(expected.Within, actual.Within);
            Close(expected.DriftImpact, actual.DriftImpact);
            Close(expected.BaselineMissingRate, actual.BaselineMissingRate);
            Close(expected.CurrentMissingRate, actual.CurrentMissingRate);
            Close(expected.UnseenCategoryRate, actual.UnseenCategoryRate);
            AssertSameBins(expected.Bins, actual.Bins);
        }
    }

    private static void AssertSameBins(ImmutableArray<BinContribution> rows, ImmutableArray<BinContribution> bins)
    {
        Assert.Equal(rows.Select(Name).Order(StringComparer.Ordinal), bins.Select(Name).Order(StringComparer.Ordinal));
        foreach (var expected in rows)
        {
            var actual = bins.Single(bin => Name(bin) == Name(expected));
            Assert.Equal(expected.LabelledBaseline, actual.LabelledBaseline);
            Assert.Equal(expected.LabelledCurrent, actual.LabelledCurrent);
            Assert.Equal(expected.RowsCurrent, actual.RowsCurrent);
            Close(expected.BaselineShare, actual.BaselineShare);
            Close(expected.CurrentShare, actual.CurrentShare);
            Close(expected.RowShare, actual.RowShare);
            Close(expected.BaselineMetric, actual.BaselineMetric);
            Close(expected.CurrentMetric, actual.CurrentMetric);
            Close(expected.Mix, actual.Mix);
            Close(expected.Within, actual.Within);
            Close(expected.DriftImpact, actual.DriftImpact);
        }
    }

    private static string Name(BinContribution bin) =>
        bin.Missing ? "(missing)" : bin.Category ?? $"[{bin.Lower?.ToString("R", CultureInfo.InvariantCulture)}, {bin.Upper?.ToString("R", CultureInfo.InvariantCulture)})";

    private static void Close(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e)
        {
            Assert.Equal(e, actual!.Value, Tolerance);
        }
    }

    // Flips the actual of every seventh record of the first quarter of 2013, after its late actual was counted.
    private async Task<int> SendCorrectionsAsync(string modelId)
    {
        var flipped = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production")
            .Where(record => record.Timestamp < January2013.AddMonths(3))
            .Where((_, i) => i % 7 == 0)
            .Select((record, i) => new ActualRecord(i, record.PredictionId, new ActualInput(FeatureValue.Of(Flip(record.Actual!.Label)), FeatureValue.Missing)))
            .ToImmutableArray();
        var result = await fixture.Grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, Guid.NewGuid().ToString("N"), flipped);
        Assert.NotNull(result);
        Assert.Equal(flipped.Length, result.Accepted);
        return result.Accepted;
    }

    private static string Flip(FeatureValue label) => label.AsCategory() == "1" ? "0" : "1";
}
