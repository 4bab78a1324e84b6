using OrleansEval.Baselines;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Performance;
using OrleansEval.RootCause;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.RootCause;

/// <summary>
/// The label-free estimate a root cause carries comes from estimation states the whole-model family keeps merged per
/// day; after records reach the window's days, and after a new baseline moves the calibration, it must still equal the
/// estimate of a fresh merge of the window's buckets (the performance read's), metric for metric and bit for bit.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RootCauseEstimateTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset January2013 = new(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset January2014 = January2013.AddYears(1);

    [Fact]
    public async Task Estimate_KeptPerDay_EqualsAFreshMergeAfterRecordsReachTheWindowAndAfterTheCalibrationMoves()
    {
        ClusterFixture.Clock.Set(January2013);
        var modelId = $"estimate-{Guid.NewGuid():N}"[..22];
        var model = fixture.Grains.GetGrain<IModelGrain>(modelId);
        Assert.Null((await model.DefineAsync(WeatherScenarioData.Model)).Error);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, WeatherScenarioData.Records("scenario-weather-reference.jsonl", "training"));
        Assert.Null((await model.FreezeBaselineAsync("training", new BaselineSpec { Version = "v1", Environment = "training", Bins = 10 })).Error);
        var production = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production");
        var year2013 = production.Where(record => record.Timestamp < January2014).ToList();

        // Every other record of 2013 first, then the rest: the second part reaches every day the first kept a state for.
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, [.. year2013.Where((_, i) => i % 2 == 0)]);
        var half = await AssertKeptEqualsFreshAsync(modelId, January2013, January2014);
        var again = await AssertKeptEqualsFreshAsync(modelId, January2013, January2014);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, [.. year2013.Where((_, i) => i % 2 == 1)]);
        var wholeYear = await AssertKeptEqualsFreshAsync(modelId, January2013, January2014);

        // A baseline over 2013's production rows fits another calibration, which the records sent after it carry.
        var refit = await model.FreezeBaselineAsync("lastYear", new BaselineSpec { Version = "v1", Environment = "production", From = January2013, To = January2014, Bins = 10 });
        Assert.Null(refit.Error);
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, [.. production.Where(record => record.Timestamp >= January2014 && record.Timestamp < January2014.AddMonths(1))]);
        var (from, to) = (January2014.AddMonths(-6), January2014.AddMonths(1));
        var recalibrated = await AssertKeptEqualsFreshAsync(modelId, from, to);
        var rootCause = await PerBinAnswers.AskAsync(fixture.Grains, modelId, from, to, RootCauseMetrics.Accuracy, null, []);

        Assert.Equal(half, again);
        Assert.NotEqual(half, wholeYear);
        Assert.NotEqual(wholeYear, recalibrated);
        Assert.Equal(recalibrated, rootCause.Current.Estimated);
    }

    // The kept estimate against the performance read's, which merges every bucket of the window; its accuracy.
    private async Task<double> AssertKeptEqualsFreshAsync(string modelId, DateTimeOffset from, DateTimeOffset to)
    {
        var queries = fixture.Grains.GetGrain<IQueryWorker>(0);
        var query = new PerformanceQuery("v1", "production", from, to, SliceKey.All, null, Monthly: false);
        var kept = await queries.GetEstimateAsync(modelId, query);
        var fresh = (await queries.GetPerformanceAsync(modelId, query)).Report!.Total.Estimated;

        Assert.NotNull(kept);
        Assert.Equal(Figures(fresh), Figures(kept));
        var accuracy = kept[RootCauseMetrics.Accuracy]?.Value;
        Assert.NotNull(accuracy);
        return accuracy.Value;
    }

    // Every metric's name, value (its bits, so that equal means bit for bit), reason and bound.
    private static IEnumerable<(string Name, long? Bits, string? Reason, double Bound)> Figures(MetricSet metrics) =>
        metrics.Metrics.Select(m => (m.Key, m.Value.Value is { } value ? BitConverter.DoubleToInt64Bits(value) : (long?)null, m.Value.Reason, m.Value.Bound));
}
