using OrleansEval.Alerts;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Grains.Tests.Performance;
using OrleansEval.Monitors;
using OrleansEval.RootCause;

namespace OrleansEval.Grains.Tests.Monitors;

/// <summary>A firing performance alert carries the top three features of the root cause of its window, or says why not.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AlertCauseTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);
    private static readonly DateTimeOffset February2013 = new(2013, 2, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PerformanceAlert_WhenItFires_CarriesTheTopThreeFeaturesOfItsWindowsRootCause()
    {
        // The rows arrive at the test's own time: the cluster's clock is shared, and rows are kept for a retention
        // counted from their arrival, so a clock left far from 2013 by another test would put them out of the read.
        ClusterFixture.Clock.Set(February2013);
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "cause", withheldActuals: false);
        var monitors = fixture.Grains.GetGrain<IMonitorGrain>(modelId);
        Assert.Null(await monitors.DefineAsync(Accuracy("accuracy") with { Baseline = "training" }));

        ClusterFixture.Clock.Set(February2013);
        var alert = Assert.Single(await monitors.EvaluateAsync());

        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Null(alert.CauseNote);
        Assert.Equal(3, alert.Causes.Length);
        var answer = await fixture.Grains.GetGrain<IRootCauseWorker>(0).RootCauseAsync(modelId, new RootCauseQuery
        {
            Baseline = "training", Version = "v1", Environment = "production", From = alert.WindowFrom, To = alert.WindowTo, Metric = "accuracy",
        });
        var expected = answer.Report!.Features.Take(3).ToList();
        Assert.Equal(expected.Select(f => f.Name), alert.Causes.Select(c => c.Feature));
        Assert.All(expected.Zip(alert.Causes), pair =>
        {
            Assert.Equal(pair.First.Mix, pair.Second.Mix);
            Assert.Equal(pair.First.Within, pair.Second.Within);
            Assert.Equal(pair.First.Drift!.Measure, pair.Second.DriftMeasure);
            Assert.Equal(pair.First.Drift.Value, pair.Second.DriftValue);
        });
        Assert.True(Math.Abs(alert.Causes[0].Mix!.Value) >= Math.Abs(alert.Causes[2].Mix!.Value));
    }

    [Fact]
    public async Task PerformanceAlert_OfAModelWithoutABaseline_FiresWithoutCausesAndSaysWhy()
    {
        var modelId = $"nocause-{Guid.NewGuid():N}"[..20];
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
        var january = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production")
            .Where(r => r.Timestamp < February2013)
            .ToList();
        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, january);
        var monitors = fixture.Grains.GetGrain<IMonitorGrain>(modelId);
        Assert.Null(await monitors.DefineAsync(Accuracy("accuracy")));

        ClusterFixture.Clock.Set(February2013);
        var alert = Assert.Single(await monitors.EvaluateAsync());

        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Empty(alert.Causes);
        Assert.Contains("no baseline", alert.CauseNote, StringComparison.Ordinal);
    }

    private static MonitorDefinition Accuracy(string name) => new()
    {
        Name = name, Kind = MonitorKind.Performance, Measure = "accuracy", Threshold = 0.7,
        Version = "v1", Environment = "production", Window = Month, MinCount = 20,
    };
}
