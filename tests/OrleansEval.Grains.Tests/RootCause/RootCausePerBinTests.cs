using System.Collections.Immutable;
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
/// after the records, under log loss and Brier score (whose squares the buckets keep), and falls back to rows, saying
/// so, for a drill-down or a window the buckets do not cover.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RootCausePerBinTests(ClusterFixture fixture)
{
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

    [Theory]
    [InlineData(RootCauseMetrics.LogLoss)]
    [InlineData(RootCauseMetrics.Brier)]
    public async Task RootCause_UnderALossWithSquares_FromBins_EqualsTheRowsAnswer(string metric)
    {
        ClusterFixture.Clock.Set(January2013);
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "perbinloss", withheldActuals: true);
        await WeatherPerformanceScenario.SendActualsShuffledAsync(fixture.Grains, modelId);
        await SendCorrectionsAsync(modelId);

        var year = await AssertBinsEqualRowsAsync(modelId, January2013, January2013.AddYears(1), metric);
        await AssertBinsEqualRowsAsync(modelId, January2013.AddMonths(1), January2013.AddMonths(2), metric);

        Assert.Equal(year.Current.Rows, year.Current.Labelled);
        Assert.NotNull(year.Current.Deviation);
    }

    [Fact]
    public async Task RootCause_OfADrillDownOrAWindowOffTheBuckets_IsCountedFromRows()
    {
        ClusterFixture.Clock.Set(January2013);
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "perbinrows", withheldActuals: false);
        var seattle = SliceCondition.EqualTo("location", "Seattle");

        var sliced = await AskAsync(modelId, January2013, January2013.AddMonths(1), RootCauseMetrics.Accuracy, null, [seattle]);
        var offBuckets = await AskAsync(modelId, January2013.AddMinutes(30), January2013.AddMonths(1), RootCauseMetrics.Accuracy, null, []);

        Assert.Equal(RootCauseSources.Rows, sliced.Source);
        Assert.DoesNotContain(sliced.Gaps, gap => gap.Part == RootCauseSources.Bins);
        Assert.Equal(RootCauseSources.Rows, offBuckets.Source);
        Assert.Contains(offBuckets.Gaps, gap => gap.Part == RootCauseSources.Bins && gap.Reason.Contains("buckets", StringComparison.Ordinal));
    }

    private Task<RootCauseReport> AssertBinsEqualRowsAsync(string modelId, DateTimeOffset from, DateTimeOffset to, string metric) =>
        PerBinAnswers.AssertBinsEqualRowsAsync(fixture.Grains, modelId, from, to, metric);

    private Task<RootCauseReport> AskAsync(string modelId, DateTimeOffset from, DateTimeOffset to, string metric, string? source, ImmutableArray<SliceCondition> conditions) =>
        PerBinAnswers.AskAsync(fixture.Grains, modelId, from, to, metric, source, conditions);

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
