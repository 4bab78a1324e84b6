using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Orleans.Streams;
using OrleansEval.GrainInterfaces;
using OrleansEval.Testing;
using OrleansEval.Alerts;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Grains.Tests.Performance;
using OrleansEval.Ingest;
using OrleansEval.Monitors;

namespace OrleansEval.Grains.Tests.Monitors;

/// <summary>Monitors replayed month by month over the weather scenario with a shared fake clock.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MonitorTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    private static MonitorDefinition Drift(string name, string feature) => new()
    {
        Name = name, Kind = MonitorKind.Drift, Target = feature, Measure = "psi", Threshold = 0.2, Baseline = "training",
        Version = "v1", Environment = "production", Window = Month, MinCount = 10,
    };

    [Fact]
    public async Task Monitors_MonthByMonth_FireAndResolveAsTheScenarioDrifts_AndTheStreamDeliversEveryAlertInOrder()
    {
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "monitor", withheldActuals: false);
        var monitors = fixture.Grains.GetGrain<IMonitorGrain>(modelId);
        Assert.Null(await monitors.DefineAsync(Drift("temp-max", "temp_max")));
        Assert.Null(await monitors.DefineAsync(Drift("wind", "wind")));
        Assert.Null(await monitors.DefineAsync(new MonitorDefinition
        {
            Name = "accuracy", Kind = MonitorKind.Performance, Measure = "accuracy", Threshold = 0.7,
            Version = "v1", Environment = "production", Window = Month, MinCount = 20,
        }));

        var received = new ConcurrentQueue<Alert>();
        var stream = fixture.Cluster.Client.GetStreamProvider(AlertStreams.Provider).GetStream<Alert>(StreamId.Create(AlertStreams.Namespace, AlertStreams.Key));
        var subscription = await stream.SubscribeAsync((alert, _) =>
        {
            if (alert.ModelId == modelId)
            {
                received.Enqueue(alert);
            }

            return Task.CompletedTask;
        });

        // A subscriber grain on a silo other than the one whose alert log publishes.
        await fixture.Grains.GetGrain<IAlertLogGrain>(0).ListAsync(new AlertQuery(null, null, null, null, long.MaxValue, 1));
        var logSilo = await SiloOfAsync(fixture, "OrleansEval.Grains.Monitors.AlertLogGrain");
        IAlertProbeGrain? probe = null;
        for (var attempt = 0; attempt < 50 && probe is null; attempt++)
        {
            var candidate = fixture.Grains.GetGrain<IAlertProbeGrain>($"{modelId}-{attempt}");
            if (await candidate.StartAsync() != logSilo)
            {
                probe = candidate;
            }
        }

        Assert.NotNull(probe);

        var raised = new List<Alert>();
        for (var month = new DateTimeOffset(2013, 2, 1, 0, 0, 0, TimeSpan.Zero); month <= new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero); month = month.AddMonths(1))
        {
            ClusterFixture.Clock.Set(month);
            raised.AddRange(await monitors.EvaluateAsync());
        }

        // temp_max is far above 0.2 in every month of the truth: it fires for the first month and never falls back.
        var tempMax = raised.Where(a => a.Monitor == "temp-max").ToList();
        var first = Assert.Single(tempMax);
        Assert.Equal(AlertState.Firing, first.State);
        Assert.Equal(new DateTimeOffset(2013, 2, 1, 0, 0, 0, TimeSpan.Zero), first.At);
        Assert.Equal(3, first.Bins.Length);

        // wind crosses 0.2 both ways: alerts alternate, firing at or above the threshold, resolving below its band.
        var wind = raised.Where(a => a.Monitor == "wind").ToList();
        Assert.True(wind.Count >= 2, $"wind raised {wind.Count} alerts");
        for (var i = 0; i < wind.Count; i++)
        {
            Assert.Equal(i % 2 == 0 ? AlertState.Firing : AlertState.Resolved, wind[i].State);
            Assert.True(wind[i].State == AlertState.Firing ? wind[i].Value >= 0.2 : wind[i].Value < 0.19);
        }

        // January 2013's accuracy is 0.677 in the truth: the performance monitor fires on the first evaluation.
        var accuracy = raised.First(a => a.Monitor == "accuracy");
        Assert.Equal(AlertState.Firing, accuracy.State);
        Assert.Equal(new DateTimeOffset(2013, 2, 1, 0, 0, 0, TimeSpan.Zero), accuracy.At);
        Assert.True(accuracy.Value < 0.7);

        await Eventually.UntilAsync(() => received.Count >= raised.Count, "every raised alert received", TimeSpan.FromSeconds(30));
        await subscription.UnsubscribeAsync();
        Assert.Equal(raised.Select(a => a.Sequence), received.Select(a => a.Sequence));
        var onOtherSilo = await probe.ReceivedAsync(modelId);
        Assert.Equal(raised.Select(a => a.Sequence), onOtherSilo);
        Assert.Equal(raised.Select(a => a.Sequence).Order(), raised.Select(a => a.Sequence));
        var listed = await fixture.Grains.GetGrain<IAlertLogGrain>(0).ListAsync(new AlertQuery(modelId, AlertState.Resolved, null, null, 0, 100));
        Assert.Equal(raised.Count(a => a.State == AlertState.Resolved), listed.Length);
    }

    [Fact]
    public async Task DriftMonitor_OnAndersonDarling_FiresWhenItsPValueFallsBelowTheThreshold()
    {
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "anderson", withheldActuals: false);
        var monitors = fixture.Grains.GetGrain<IMonitorGrain>(modelId);
        Assert.Null(await monitors.DefineAsync(Drift("temp-max-ad", "temp_max") with { Measure = "andersonDarling", Threshold = 0.05 }));

        // Its p-value is reported up to 0.25 ("0.25 or more"): a threshold above that would fire on every window.
        var tooHigh = await monitors.DefineAsync(Drift("temp-max-ad-high", "temp_max") with { Measure = "andersonDarling", Threshold = 0.3 });
        Assert.Equal(("threshold", "must be between 0 and 0.25 for andersonDarling"), (tooHigh?.Field, tooHigh?.Message));
        var automatic = await monitors.DefineAsync(Drift("temp-max-ad-auto", "temp_max") with { Measure = "andersonDarling", Threshold = null, AutoThresholdK = 2 });
        Assert.Equal("autoThresholdK", automatic?.Field);
        Assert.Contains("reported only up to 0.25", automatic?.Message, StringComparison.Ordinal);

        ClusterFixture.Clock.Set(new DateTimeOffset(2013, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var raised = await monitors.EvaluateAsync();

        // January's temp_max is far from the training year: the test's p-value is at its 0.001 floor.
        var alert = Assert.Single(raised);
        Assert.Equal((AlertState.Firing, "andersonDarling", "below"), (alert.State, alert.Measure, alert.Direction));
        Assert.Equal(0.001, alert.Value);
        Assert.Equal(0.05, alert.Threshold);
    }

    [Fact]
    public async Task EstimatedPerformanceMonitor_WhileActualsAreWithheld_FiresFromTheEstimateAlone()
    {
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "estimate", withheldActuals: true);
        var monitors = fixture.Grains.GetGrain<IMonitorGrain>(modelId);
        Assert.Null(await monitors.DefineAsync(new MonitorDefinition
        {
            Name = "estimated", Kind = MonitorKind.EstimatedPerformance, Measure = "accuracy", Threshold = 0.7,
            Version = "v1", Environment = "production", Window = Month, MinCount = 20,
        }));
        Assert.Null(await monitors.DefineAsync(new MonitorDefinition
        {
            Name = "realised", Kind = MonitorKind.Performance, Measure = "accuracy", Threshold = 0.7,
            Version = "v1", Environment = "production", Window = Month, MinCount = 20,
        }));

        ClusterFixture.Clock.Set(new DateTimeOffset(2013, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var alerts = await monitors.EvaluateAsync();

        var alert = Assert.Single(alerts);
        Assert.Equal("estimated", alert.Monitor);
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.True(alert.Value < 0.7);
    }

    [Fact]
    public async Task DataQualityMonitor_FiresWhenABatchWithThirtyPercentMissingWindArrives_AndNotBefore()
    {
        var modelId = await WeatherPerformanceScenario.ReplayAsync(fixture.Grains, "quality", withheldActuals: false);
        var monitors = fixture.Grains.GetGrain<IMonitorGrain>(modelId);
        Assert.Null(await monitors.DefineAsync(new MonitorDefinition
        {
            Name = "wind-missing", Kind = MonitorKind.DataQuality, Target = "wind", Measure = "missingRate", Threshold = 0.2,
            Baseline = "training", Version = "v1", Environment = "production", Window = TimeSpan.FromDays(1), MinCount = 10,
        }));

        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, Batch(new DateTimeOffset(2016, 1, 4, 0, 0, 0, TimeSpan.Zero), missingShare: 0));
        ClusterFixture.Clock.Set(new DateTimeOffset(2016, 1, 5, 0, 0, 0, TimeSpan.Zero));
        var before = await monitors.EvaluateAsync();

        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, Batch(new DateTimeOffset(2016, 1, 5, 0, 0, 0, TimeSpan.Zero), missingShare: 0.3));
        ClusterFixture.Clock.Set(new DateTimeOffset(2016, 1, 6, 0, 0, 0, TimeSpan.Zero));
        var after = await monitors.EvaluateAsync();

        Assert.Empty(before);
        var alert = Assert.Single(after);
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Equal(0.3, alert.Value!.Value, 12);
    }

    private static List<RecordInput> Batch(DateTimeOffset day, double missingShare) =>
        [.. Enumerable.Range(0, 100).Select(i => new RecordInput
        {
            Index = i,
            PredictionId = $"{day:yyyyMMdd}-{i.ToString(CultureInfo.InvariantCulture)}",
            Timestamp = day.AddMinutes(i),
            Version = "v1",
            Environment = "production",
            Features = ImmutableDictionary<string, FeatureValue>.Empty
                .Add("location", FeatureValue.Of("Seattle"))
                .Add("temp_max", FeatureValue.Of(10.0))
                .Add("wind", i < missingShare * 100 ? FeatureValue.Missing : FeatureValue.Of(3.0)),
            Prediction = new PredictionInput(FeatureValue.Missing, FeatureValue.Of(0.4), FeatureValue.Missing),
        })];

    private static async Task<string> SiloOfAsync(ClusterFixture fixture, string grainType)
    {
        var statistics = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.First(s => s.GrainType.Contains(grainType, StringComparison.Ordinal)).SiloAddress.ToString();
    }

}
