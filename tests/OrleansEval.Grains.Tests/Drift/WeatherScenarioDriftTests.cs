using System.Collections.Immutable;
using System.Text.Json;
using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Keys;

namespace OrleansEval.Grains.Tests.Drift;

/// <summary>
/// Replays the weather scenario through the cluster and compares every monthly drift answer with the truth computed
/// independently with SciPy.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WeatherScenarioDriftTests(ClusterFixture fixture)
{
    private const double Relative = 1e-9;

    [Fact]
    public async Task GetDrift_EveryProductionMonth_MatchesTruth()
    {
        var modelId = $"weather-{Guid.NewGuid():N}"[..24];
        using var truth = WeatherScenarioData.Truth();
        var created = await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model);
        Assert.Null(created.Error);

        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, WeatherScenarioData.Records("scenario-weather-reference.jsonl", "training"));
        var referenceBins = truth.RootElement.GetProperty("reference").GetProperty("bins");
        var edges = WeatherScenarioData.NumericFeatures.ToImmutableDictionary(
            f => f,
            f => referenceBins.GetProperty(f).GetProperty("cut_points").EnumerateArray().Select(e => e.GetDouble()).ToImmutableArray());
        edges = edges.Add(ColumnNames.PredictionScore, truth.RootElement.GetProperty("reference").GetProperty("score_bins").GetProperty("cut_points").EnumerateArray().Select(e => e.GetDouble()).ToImmutableArray());
        var frozen = await fixture.Grains.GetGrain<IModelGrain>(modelId).FreezeBaselineAsync("training", new BaselineSpec { Version = "v1", Environment = "training", Edges = edges });
        Assert.Null(frozen.Error);
        AssertReferenceCounts(referenceBins, frozen.Baseline!);

        await WeatherScenarioData.IngestAsync(fixture.Grains, modelId, WeatherScenarioData.Records("scenario-weather-production.jsonl", "production"));

        var months = 0;
        foreach (var window in truth.RootElement.GetProperty("windows").EnumerateArray())
        {
            var from = DateTimeOffset.Parse(window.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var answer = await fixture.Grains.GetGrain<IQueryWorker>(0).GetDriftAsync(modelId, new DriftQuery("training", "v1", "production", from, from.AddMonths(1)));
            var report = answer.Report!;
            var month = window.GetProperty("window").GetString()!;
            Assert.Equal(window.GetProperty("n").GetInt64(), report.Count);

            foreach (var expected in window.GetProperty("features").EnumerateObject())
            {
                var actual = report.Features.Single(f => f.Name == expected.Name);
                AssertColumn($"{month} {expected.Name}", expected.Value, actual);
            }

            AssertColumn($"{month} score", window.GetProperty("prediction_drift"), report.Prediction.Single(c => c.Name == ColumnNames.PredictionScore));
            AssertColumn($"{month} actual", window.GetProperty("actual_drift"), report.Actual.Single(c => c.Name == ColumnNames.ActualLabel));
            months++;
        }

        Assert.Equal(36, months);
    }

    private static void AssertReferenceCounts(JsonElement referenceBins, Baseline baseline)
    {
        foreach (var feature in referenceBins.EnumerateObject())
        {
            var column = baseline.FindColumn(feature.Name)!;
            var expected = feature.Value.GetProperty("ref_counts").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(expected, column.Counts.ToArray());
            Assert.False(column.Approximate);
        }
    }

    private static void AssertColumn(string what, JsonElement expected, ColumnDrift actual)
    {
        Assert.False(actual.Approximate, $"{what}: answered from a sketch");
        var currentCounts = expected.GetProperty("cur_counts").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(currentCounts, actual.Bins.Select(b => b.CurrentCount).ToArray());

        Close(what, "psi", expected.GetProperty("psi").GetDouble(), actual.Score("psi"));
        Close(what, "jsDistance", expected.GetProperty("js_distance_base2").GetDouble(), actual.Score("jsDistance"));
        Close(what, "hellinger", expected.GetProperty("hellinger").GetDouble(), actual.Score("hellinger"));
        Close(what, "lInfinity", expected.GetProperty("l_infinity").GetDouble(), actual.Score("lInfinity"));
        Close(what, "klDivergence", expected.GetProperty("kl_cur_ref").GetDouble(), actual.Score("klDivergence"));
        Close(what, "chiSquare.pValue", expected.GetProperty("chi2_pvalue").GetDouble(), actual.Score("chiSquare"));

        if (expected.TryGetProperty("ks_statistic", out var ks))
        {
            // Both sketches still hold every value here, so the sample measures are exact, not merely within 0.02 and 5%.
            var statistic = actual.Find("ks")!.NumberOf("statistic")!.Value;
            Assert.InRange(Math.Abs(ks.GetDouble() - statistic), 0, 0.02);
            Close(what, "ks.statistic", ks.GetDouble(), statistic);
            var normed = expected.GetProperty("wasserstein_over_ref_std").GetDouble();
            Assert.InRange(Math.Abs(normed - actual.Score("wassersteinNormed")!.Value), 0, 0.05 * normed);
            Close(what, "wassersteinNormed", normed, actual.Score("wassersteinNormed"));
            Close(what, "wasserstein", expected.GetProperty("wasserstein").GetDouble(), actual.Score("wasserstein"));
        }
    }

    private static void Close(string what, string measure, double expected, double? actual)
    {
        Assert.True(actual.HasValue, $"{what}: {measure} is missing");
        var tolerance = Math.Max(Relative * Math.Abs(expected), 1e-12);
        Assert.True(Math.Abs(expected - actual!.Value) <= tolerance, $"{what}: {measure} {actual} differs from {expected}");
    }
}
