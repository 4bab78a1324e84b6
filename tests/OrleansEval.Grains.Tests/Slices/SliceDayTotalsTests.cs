using System.Collections.Immutable;
using Orleans.Core.Internal;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.Slices;

/// <summary>
/// A slice family keeps its per-day totals current as deltas are applied: a question after records, late actuals and
/// corrections adds no day from its buckets (the shared cluster's persist ticks are ten minutes apart, so no tick adds
/// them ahead of it), and its counts are the ones a reloaded family adds up from its stored buckets.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SliceDayTotalsTests(ClusterFixture fixture)
{
    private static readonly TimeWindow Window = new(new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

    // Doubles are added per bucket either way; a reload may roll a day's buckets into one, which rounds its sums once.
    private const double Tolerance = 1e-12;

    [Fact]
    public async Task GetBinCounts_AfterRecordsAndCorrections_AddsNoDayFromBuckets_AndEqualsAReloadedFamilysCounts()
    {
        var modelId = $"daytot-{Guid.NewGuid():N}"[..20];
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
        var production = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production");
        var withoutActuals = production.Skip(production.Count / 2).Select(record => record with { Actual = null }).ToList();
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, [.. production.Take(production.Count / 2), .. withoutActuals]);
        var families = new[] { SliceKey.All, SliceKey.ColumnFamily("location") }
            .Select(family => fixture.Grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, new SeriesId("v1", "production"), family)))
            .ToList();

        var afterRecords = await Task.WhenAll(families.Select(family => family.GetBinCountsAsync(Window)));

        // Late actuals for the second half, then corrections that flip the first labels: both reach days already counted.
        await SendActualsAsync(modelId, [.. production.Skip(production.Count / 2).Where(record => record.Actual is not null)], flip: false);
        await SendActualsAsync(modelId, [.. production.Where(record => record.Actual is not null).Take(40)], flip: true);
        var afterActuals = await Task.WhenAll(families.Select(family => family.GetBinCountsAsync(Window)));

        foreach (var family in families)
        {
            await family.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        }

        var reloaded = await Task.WhenAll(families.Select(family => family.GetBinCountsAsync(Window)));

        Assert.All(afterRecords, answer => Assert.Equal(0, answer.DaysAdded));
        Assert.All(afterActuals, answer => Assert.Equal(0, answer.DaysAdded));
        Assert.Equal(production.Count, Whole(afterRecords[0]).Predictions);
        Assert.Equal(production.Take(production.Count / 2).Count(record => record.Actual is not null), Whole(afterRecords[0]).Labelled);
        Assert.True(Whole(afterActuals[0]).Labelled > Whole(afterRecords[0]).Labelled, "the late actuals are counted");
        Assert.NotEqual(Whole(afterRecords[0]).Correct, Whole(afterActuals[0]).Correct);
        Assert.True(reloaded[0].DaysAdded > 0, "a reloaded family adds its days from its buckets on its first question");
        for (var i = 0; i < families.Count; i++)
        {
            AssertSameCounts(reloaded[i], afterActuals[i]);
        }
    }

    private static SliceBinCounts Whole(SliceBinCountsAnswer answer) => answer.Members.Single(member => member.Member == SliceKey.All);

    private static void AssertSameCounts(SliceBinCountsAnswer expected, SliceBinCountsAnswer actual)
    {
        Assert.Equal(expected.Members.Select(m => m.Member), actual.Members.Select(m => m.Member));
        foreach (var (e, a) in expected.Members.Zip(actual.Members))
        {
            Assert.Equal((e.Predictions, e.Labelled, e.Correct, e.ActualPositives, e.LossesComplete), (a.Predictions, a.Labelled, a.Correct, a.ActualPositives, a.LossesComplete));
            Assert.Equal(e.AbsoluteErrorSum, a.AbsoluteErrorSum, Tolerance);
            Assert.Equal(e.SquaredErrorSum, a.SquaredErrorSum, Tolerance);
            foreach (var (x, y) in new[] { (e.LogLoss, a.LogLoss), (e.Brier, a.Brier), (e.SquaredError, a.SquaredError) })
            {
                Assert.Equal(x?.Count, y?.Count);
                Assert.Equal(x?.Sum ?? 0, y?.Sum ?? 0, Math.Abs(x?.Sum ?? 0) * Tolerance);
                Assert.Equal(x?.Squares ?? 0, y?.Squares ?? 0, Math.Abs(x?.Squares ?? 0) * Tolerance);
            }
        }
    }

    // The records' own actuals, or each flipped.
    private async Task SendActualsAsync(string modelId, IReadOnlyList<RecordInput> records, bool flip)
    {
        var batch = records
            .Select((record, i) => new ActualRecord(i, record.PredictionId, new ActualInput(Label(record, flip), FeatureValue.Missing)))
            .ToImmutableArray();
        var result = await fixture.Grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, Guid.NewGuid().ToString("N"), batch);
        Assert.NotNull(result);
        Assert.Equal(records.Count, result.Accepted);
    }

    private static FeatureValue Label(RecordInput record, bool flip)
    {
        var label = record.Actual!.Label.AsCategory();
        return FeatureValue.Of(flip ? (label == "1" ? "0" : "1") : label!);
    }
}
