using System.Collections.Immutable;
using OrleansEval.Actuals;
using OrleansEval.Drift;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Grains.Tests.Rollups;

/// <summary>
/// Lets the store's clock make whole days due, has the column and slice grains write (which rolls the days up) and read
/// their state back, and checks that answers keep their values, that only day buckets are stored, and that late records
/// and windows cutting a rolled-up day are handled.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DayRollupTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2031, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // An answer from a compacted sketch is within the documented rank error of the exact one, so two are within twice it.
    private static readonly double RankError = 2 * KllSketch.NormalizedRankError(KllSketch.DefaultK);

    private static readonly string[] BinnedMeasures = ["psi", "klDivergence", "jsDistance", "jsDivergence", "hellinger", "lInfinity", "totalVariation"];

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public async Task Answers_ForAWholeDayWindow_AreTheSameAfterTheDaysRollUp(int perHour)
    {
        ClusterFixture.Clock.Set(Start);
        var modelId = await RollupScenario.DefineAsync(fixture.Grains, "rollup", Start);
        var production = RollupScenario.Records(Start, days: 32, perHour, "production", seed: 2);
        await RollupScenario.IngestAsync(fixture.Grains, modelId, production);
        var drift = new DriftQuery("training", "v1", "production", Start.AddDays(1), Start.AddDays(31));
        var daily = new PerformanceQuery("v1", "production", Start.AddDays(1), Start.AddDays(31), "all", TimeSpan.FromDays(1), Monthly: false);
        var seattle = daily with { Slice = "city = Seattle", Granularity = null };

        var driftBefore = await DriftAsync(modelId, drift);
        var dailyBefore = await PerformanceAsync(modelId, daily);
        var seattleBefore = await PerformanceAsync(modelId, seattle);
        await RollupScenario.ReloadAsync(fixture.Grains, modelId);
        Assert.Equal(32 * 24, (await StoredColumnBucketsAsync(modelId, "load")).Length);

        ClusterFixture.Clock.Set(Start.AddDays(40));
        await RollupScenario.ReloadAsync(fixture.Grains, modelId);
        var driftAfter = await DriftAsync(modelId, drift);
        var dailyAfter = await PerformanceAsync(modelId, daily);
        var seattleAfter = await PerformanceAsync(modelId, seattle);

        long[] days = [.. Enumerable.Range(0, 32).Select(d => Start.AddDays(d).ToUnixTimeSeconds())];
        Assert.Equal(days, await StoredColumnBucketsAsync(modelId, "load"));
        Assert.Equal(days, await StoredColumnBucketsAsync(modelId, "city"));
        Assert.Equal(days, await StoredSliceBucketsAsync(modelId, SliceKey.All));

        var load = driftBefore.Features.Single(f => f.Name == "load");
        Assert.Equal(perHour > 3, load.Find("ks")!.FlagOf("approximate"));
        Assert.False(load.Approximate);
        var training = RollupScenario.Training(Start);
        AssertSameDrift(driftBefore, driftAfter, exactSamples: perHour == 3, column => Range(training.Concat(production), column));
        AssertSamePerformance(dailyBefore.Total, dailyAfter.Total);
        Assert.Equal(30, dailyAfter.Series.Length);
        foreach (var (before, after) in dailyBefore.Series.Zip(dailyAfter.Series))
        {
            AssertSamePerformance(before, after);
        }

        AssertSamePerformance(seattleBefore.Total, seattleAfter.Total);
        Assert.True(seattleAfter.Total.Labelled > 0);
    }

    [Fact]
    public async Task LateRecord_ForAnHourOfARolledUpDay_IsCountedOnceInTheDayBucket()
    {
        ClusterFixture.Clock.Set(Start);
        var modelId = await RollupScenario.DefineAsync(fixture.Grains, "late", Start);
        await RollupScenario.IngestAsync(fixture.Grains, modelId, RollupScenario.Records(Start, days: 6, perHour: 2, "production", seed: 3));
        ClusterFixture.Clock.Set(Start.AddDays(10));
        await RollupScenario.ReloadAsync(fixture.Grains, modelId);
        var day = new PerformanceQuery("v1", "production", Start.AddDays(4), Start.AddDays(5), "all", null, Monthly: false);
        var drift = new DriftQuery("training", "v1", "production", Start.AddDays(4), Start.AddDays(5));
        var before = await PerformanceAsync(modelId, day);
        var driftBefore = await DriftAsync(modelId, drift);

        var hour = Start.AddDays(4).AddHours(7).AddMinutes(10);
        var late = RollupScenario.Records(hour, days: 1, perHour: 1, "production", seed: 4, withActuals: false)[0] with { PredictionId = "late-1" };
        await RollupScenario.IngestAsync(fixture.Grains, modelId, [late]);
        var actual = await fixture.Grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(
            modelId, "late-actual", [new ActualRecord(0, "late-1", new ActualInput(FeatureValue.Of("1"), FeatureValue.Missing))]);
        Assert.Equal(1, actual!.Accepted);
        await RollupScenario.ReloadAsync(fixture.Grains, modelId);

        var after = await PerformanceAsync(modelId, day);
        Assert.Equal(before.Total.Predictions + 1, after.Total.Predictions);
        Assert.Equal(before.Total.Labelled + 1, after.Total.Labelled);
        var driftAfter = await DriftAsync(modelId, drift);
        Assert.Equal(driftBefore.Count + 1, driftAfter.Count);
        Assert.Equal(driftBefore.Features.Single(f => f.Name == "load").Count + 1, driftAfter.Features.Single(f => f.Name == "load").Count);

        var theHour = await PerformanceAsync(modelId, day with { From = hour, To = hour.AddMinutes(1) });
        Assert.Equal(after.Total.Predictions, theHour.Total.Predictions);
        Assert.Equal((Start.AddDays(4), Start.AddDays(5)), (theHour.Total.From, theHour.Total.To));
        long[] days = [.. Enumerable.Range(0, 6).Select(d => Start.AddDays(d).ToUnixTimeSeconds())];
        Assert.Equal(days, await StoredColumnBucketsAsync(modelId, "load"));
        Assert.Equal(days, await StoredSliceBucketsAsync(modelId, SliceKey.All));
    }

    [Fact]
    public async Task Window_ThatCutsARolledUpDay_IsAnsweredAndReportedForTheWholeDay()
    {
        ClusterFixture.Clock.Set(Start);
        var modelId = await RollupScenario.DefineAsync(fixture.Grains, "cut", Start);
        await RollupScenario.IngestAsync(fixture.Grains, modelId, RollupScenario.Records(Start, days: 4, perHour: 2, "production", seed: 5));
        ClusterFixture.Clock.Set(Start.AddDays(4).AddHours(12));
        await RollupScenario.ReloadAsync(fixture.Grains, modelId);

        var cut = await DriftAsync(modelId, new DriftQuery("training", "v1", "production", Start.AddDays(1).AddHours(6), Start.AddDays(1).AddHours(18)));
        var whole = await DriftAsync(modelId, new DriftQuery("training", "v1", "production", Start.AddDays(1), Start.AddDays(2)));
        Assert.Equal(new TimeWindow(Start.AddDays(1), Start.AddDays(2)), cut.Window);
        Assert.All(cut.Features, f => Assert.Equal(cut.Window, f.Window));
        Assert.Equal(whole.Count, cut.Count);
        Assert.Equal(48, cut.Count);

        // Day 1 is rolled up and day 2 is not due yet: the hourly steps of day 1 become one step, those of day 2 stay.
        var hourly = await PerformanceAsync(modelId, new PerformanceQuery("v1", "production", Start.AddDays(1).AddHours(20), Start.AddDays(2).AddHours(2), "all", TimeSpan.FromHours(1), Monthly: false));
        Assert.Equal((Start.AddDays(1), Start.AddDays(2).AddHours(2)), (hourly.Total.From, hourly.Total.To));
        Assert.Equal(
            [(Start.AddDays(1), Start.AddDays(2)), (Start.AddDays(2), Start.AddDays(2).AddHours(1)), (Start.AddDays(2).AddHours(1), Start.AddDays(2).AddHours(2))],
            hourly.Series.Select(s => (s.From, s.To)));
        Assert.Equal([48, 2, 2], hourly.Series.Select(s => s.Predictions));
        Assert.Equal(hourly.Total.Predictions, hourly.Series.Sum(s => s.Predictions));
    }

    private async Task<DriftReport> DriftAsync(string modelId, DriftQuery query)
    {
        var answer = await fixture.Grains.GetGrain<IQueryWorker>(0).GetDriftAsync(modelId, query);
        Assert.Null(answer.Error);
        return answer.Report!;
    }

    private async Task<PerformanceReport> PerformanceAsync(string modelId, PerformanceQuery query)
    {
        var answer = await fixture.Grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(modelId, query);
        Assert.Null(answer.Error);
        return answer.Report!;
    }

    private Task<ImmutableArray<long>> StoredColumnBucketsAsync(string modelId, string column) =>
        fixture.Grains.GetGrain<IStoredStateProbeGrain>(0).ColumnBucketsAsync(RollupScenario.Column(fixture.Grains, modelId, column).GetGrainId());

    private Task<ImmutableArray<long>> StoredSliceBucketsAsync(string modelId, string member) =>
        fixture.Grains.GetGrain<IStoredStateProbeGrain>(0).SliceBucketsAsync(RollupScenario.WholeModel(fixture.Grains, modelId).GetGrainId(), member);

    private static double Range(IEnumerable<RecordInput> records, string column)
    {
        var values = records
            .Select(r => column == ColumnNames.PredictionScore ? r.Prediction!.Score : r.Features.GetValueOrDefault(column))
            .Where(v => v.Kind == FeatureValueKind.Number)
            .Select(v => v.Number)
            .ToList();
        return values.Max() - values.Min();
    }

    private static void AssertSameDrift(DriftReport before, DriftReport after, bool exactSamples, Func<string, double> range)
    {
        Assert.Equal(before.Window, after.Window);
        Assert.Equal(before.Count, after.Count);
        var columnsBefore = before.Features.Concat(before.Prediction).Concat(before.Actual).ToList();
        var columnsAfter = after.Features.Concat(after.Prediction).Concat(after.Actual).ToList();
        Assert.Equal(columnsBefore.Select(c => c.Name), columnsAfter.Select(c => c.Name));
        foreach (var (b, a) in columnsBefore.Zip(columnsAfter))
        {
            AssertSameColumn(b, a, exactSamples, range);
        }
    }

    private static void AssertSameColumn(ColumnDrift before, ColumnDrift after, bool exactSamples, Func<string, double> range)
    {
        Assert.Equal(before.Window, after.Window);
        Assert.Equal((before.Count, before.Missing, before.TypeErrors), (after.Count, after.Missing, after.TypeErrors));
        Assert.Equal((before.MissingRate, before.TypeErrorRate, before.UnseenCategoryRate), (after.MissingRate, after.TypeErrorRate, after.UnseenCategoryRate));
        Assert.Equal(before.Bins.ToArray(), after.Bins.ToArray());
        Assert.Equal(
            BinnedMeasures.Select(before.Score),
            BinnedMeasures.Select(after.Score));
        Assert.Equal(before.Find("chiSquare"), after.Find("chiSquare"));
        Assert.Equal((before.Drifted, before.Approximate), (after.Drifted, after.Approximate));
        if (before.Mean is { } mean)
        {
            Assert.InRange(Math.Abs(after.Mean!.Value - mean), 0, 1e-12 * Math.Abs(mean));
        }

        if (before.Score("ks") is null || exactSamples)
        {
            Assert.Equal(before.Find("ks"), after.Find("ks"));
            Assert.Equal((before.Score("wasserstein"), before.Score("wassersteinNormed"), before.OutOfRangeRate), (after.Score("wasserstein"), after.Score("wassersteinNormed"), after.OutOfRangeRate));
            return;
        }

        var wassersteinBound = RankError * range(before.Name);
        var (wassersteinBefore, wassersteinAfter) = (before.Score("wasserstein")!.Value, after.Score("wasserstein")!.Value);
        var (normedBefore, normedAfter) = (before.Score("wassersteinNormed")!.Value, after.Score("wassersteinNormed")!.Value);
        Assert.InRange(Math.Abs(before.Find("ks")!.NumberOf("statistic")!.Value - after.Find("ks")!.NumberOf("statistic")!.Value), 0, RankError);
        Assert.InRange(Math.Abs(wassersteinBefore - wassersteinAfter), 0, wassersteinBound);
        Assert.InRange(Math.Abs(normedBefore - normedAfter), 0, wassersteinBound * normedBefore / wassersteinBefore);
        Assert.InRange(Math.Abs(before.OutOfRangeRate!.Value - after.OutOfRangeRate!.Value), 0, 2 * RankError);
    }

    private static void AssertSamePerformance(SlicePerformance before, SlicePerformance after)
    {
        Assert.Equal((before.Slice, before.From, before.To), (after.Slice, after.From, after.To));
        Assert.Equal((before.Predictions, before.Labelled), (after.Predictions, after.Labelled));
        Assert.Equal(before.Realised.Metrics.ToArray(), after.Realised.Metrics.ToArray());
        Assert.Equal(before.Estimated.Metrics.ToArray(), after.Estimated.Metrics.ToArray());
        Assert.Equal(before.ScoreHistogram.ToArray(), after.ScoreHistogram.ToArray());
        Assert.Equal(before.Calibration.ToArray(), after.Calibration.ToArray());
        Assert.NotEmpty(after.Realised.Metrics);
        Assert.NotEmpty(after.Estimated.Metrics);
    }
}
