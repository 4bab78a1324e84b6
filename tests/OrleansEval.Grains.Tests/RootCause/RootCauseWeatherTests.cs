using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansEval.Baselines;
using OrleansEval.Grains.RootCause;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Grains.Tests.WorstSlices;
using OrleansEval.Models;
using OrleansEval.RootCause;

namespace OrleansEval.Grains.Tests.RootCause;

/// <summary>
/// The root cause of every production month of the weather scenario against its 2012 reference, over row blocks as the
/// row store streams them, equals the independent pandas decomposition in <c>scenario-weather-resolution.json</c>, and the
/// drift of each feature, the score and the actual on the same bins equals SciPy's in <c>scenario-weather-truth.json</c>.
/// </summary>
public sealed partial class RootCauseWeatherTests
{
    private static readonly DateTimeOffset Always = DateTimeOffset.UnixEpoch;
    private static readonly DateTimeOffset Never = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_ForEveryWeatherMonth_EqualsThePandasDecompositionOfEveryFeatureAndBin_AndMixPlusWithinIsTheChange()
    {
        using var truth = JsonDocument.Parse(QuoteNonFinite(File.ReadAllText(Path.Combine(WeatherScenarioData.Directory, "scenario-weather-resolution.json"))));
        using var drift = WeatherScenarioData.Truth();
        var driftMonths = drift.RootElement.GetProperty("windows").EnumerateArray().ToDictionary(w => w.GetProperty("window").GetString()!, w => w.Clone());
        var reference = WeatherRowBlocks.Read("scenario-weather-reference.jsonl", Always, Never);
        var baseline = WeatherBaseline();
        var months = truth.RootElement.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(36, months.Count);
        foreach (var month in months)
        {
            var from = DateTimeOffset.Parse(month.GetProperty("from").GetString()!, CultureInfo.InvariantCulture);
            var to = DateTimeOffset.Parse(month.GetProperty("to").GetString()!, CultureInfo.InvariantCulture);
            var query = new RootCauseQuery { From = from, To = to };
            var current = WeatherRowBlocks.Read("scenario-weather-production.jsonl", from, to);

            var report = await RootCauseEngine.RunAsync(WeatherScenarioData.Model, baseline, query, RootCauseMetrics.Accuracy, TestRow.Stream(reference), TestRow.Stream(current), CancellationToken.None);

            AssertMonth(month.GetProperty("rootCause"), report);
            AssertDrift(driftMonths[month.GetProperty("window").GetString()!], report);
        }
    }

    private static void AssertMonth(JsonElement expected, RootCauseReport report)
    {
        Assert.Equal("accuracy", expected.GetProperty("metric").GetString());
        Assert.Equal(RootCauseSources.Rows, report.Source);
        Assert.False(report.Approximate);
        Assert.Equal(expected.GetProperty("baseline").GetDouble(), report.Baseline.Value!.Value, 1e-12);
        Assert.Equal(expected.GetProperty("current").GetDouble(), report.Current.Value!.Value, 1e-12);
        Assert.Equal(expected.GetProperty("change").GetDouble(), report.Change!.Value, 1e-12);
        Assert.Equal(expected.GetProperty("labelledBaseline").GetInt64(), report.Baseline.Labelled);
        Assert.Equal(expected.GetProperty("labelledCurrent").GetInt64(), report.Current.Labelled);
        Assert.Equal(report.Current.Labelled, report.Current.Rows);
        Assert.Empty(report.Gaps);
        var features = expected.GetProperty("features");
        Assert.Equal(features.EnumerateObject().Select(f => f.Name).Order(StringComparer.Ordinal), report.Features.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(report.Features.OrderByDescending(f => Math.Abs(f.Mix!.Value)).Select(f => f.Name), report.Features.Select(f => f.Name));
        foreach (var feature in report.Features)
        {
            AssertFeature(features.GetProperty(feature.Name), feature, report.Change.Value);
        }
    }

    // The answer's deciding measures are psi (numeric) and the base-2 Jensen–Shannon distance (categorical).
    private static void AssertDrift(JsonElement expected, RootCauseReport report)
    {
        foreach (var feature in report.Features)
        {
            var key = feature.Type == FeatureType.Numeric ? "psi" : "js_distance_base2";
            Assert.Equal(expected.GetProperty("features").GetProperty(feature.Name).GetProperty(key).GetDouble(), feature.Drift!.Value!.Value, 1e-9);
        }

        Assert.Equal("@prediction.score", report.Prediction!.Column);
        Assert.Equal(expected.GetProperty("prediction_drift").GetProperty("psi").GetDouble(), report.Prediction.Drift!.Value!.Value, 1e-9);
        Assert.Equal(expected.GetProperty("prediction_drift").GetProperty("psi_ge_0_2").GetBoolean(), report.Prediction.Drift.Drifted);
        Assert.Equal(expected.GetProperty("actual_drift").GetProperty("js_distance_base2").GetDouble(), report.Actual!.Drift!.Value!.Value, 1e-9);
    }

    private static void AssertFeature(JsonElement expected, FeatureContribution feature, double change)
    {
        Assert.Equal(expected.GetProperty("mix").GetDouble(), feature.Mix!.Value, 1e-9);
        Assert.Equal(expected.GetProperty("within").GetDouble(), feature.Within!.Value, 1e-9);
        Assert.Equal(expected.GetProperty("driftImpact").GetDouble(), feature.DriftImpact!.Value, 1e-9);
        Assert.Equal(change, feature.Bins.Sum(bin => bin.Mix!.Value + bin.Within!.Value), 1e-12);
        var bins = expected.GetProperty("bins");
        Assert.Equal(bins.EnumerateObject().Count(), feature.Bins.Length);
        foreach (var bin in feature.Bins)
        {
            var truth = bins.GetProperty(Name(bin));
            Assert.Equal(truth.GetProperty("baselineShare").GetDouble(), bin.BaselineShare!.Value, 1e-9);
            Assert.Equal(truth.GetProperty("currentShare").GetDouble(), bin.CurrentShare!.Value, 1e-9);
            Assert.Equal(bin.CurrentShare.Value, bin.RowShare!.Value, 1e-15);
            Assert.Equal(truth.GetProperty("labelledBaseline").GetInt64(), bin.LabelledBaseline);
            Assert.Equal(truth.GetProperty("labelledCurrent").GetInt64(), bin.LabelledCurrent);
            AssertOptional(truth.GetProperty("baselineMetric"), bin.BaselineMetric);
            AssertOptional(truth.GetProperty("currentMetric"), bin.CurrentMetric);
            Assert.Equal(truth.GetProperty("mix").GetDouble(), bin.Mix!.Value, 1e-9);
            Assert.Equal(truth.GetProperty("within").GetDouble(), bin.Within!.Value, 1e-9);
            Assert.Equal(truth.GetProperty("driftImpact").GetDouble(), bin.DriftImpact!.Value, 1e-9);
        }

        Assert.Equal(feature.Bins.OrderByDescending(bin => Math.Abs(bin.Mix!.Value + bin.Within!.Value)), feature.Bins);
    }

    private static void AssertOptional(JsonElement expected, double? actual)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.Equal(expected.GetDouble(), actual!.Value, 1e-9);
        }
    }

    // The file names a category by itself and a numeric bin "[lower, upper)" with -inf and inf at the open ends, each
    // bound as Python writes a float (10.0, not 10).
    private static string Name(BinContribution bin) => bin.Category
        ?? $"[{Bound(bin.Lower, "-inf")}, {Bound(bin.Upper, "inf")})";

    private static string Bound(double? value, string open) => value is { } bound
        ? bound.ToString(CultureInfo.InvariantCulture) is var text && text.Contains('.', StringComparison.Ordinal) ? text : text + ".0"
        : open;

    private static Baseline WeatherBaseline()
    {
        using var truth = WeatherScenarioData.Truth();
        var bins = truth.RootElement.GetProperty("reference").GetProperty("bins");
        return new Baseline
        {
            Name = "training",
            Revision = 1,
            Spec = new BaselineSpec { Version = "v1", Environment = "training" },
            FrozenAt = Always,
            RecordCount = 732,
            Columns = [.. WeatherScenarioData.NumericFeatures.Select(name => Numeric(name, bins.GetProperty(name))),
                Numeric("@prediction.score", truth.RootElement.GetProperty("reference").GetProperty("score_bins"))],
        };
    }

    private static BaselineColumn Numeric(string name, JsonElement bins) => new()
    {
        Column = name,
        Type = FeatureType.Numeric,
        CutPoints = [.. bins.GetProperty("cut_points").EnumerateArray().Select(cut => cut.GetDouble())],
    };

    private static string QuoteNonFinite(string json) => NonFinite().Replace(json, "\"$1\"");

    [GeneratedRegex(@"(-?Infinity|NaN)(?=\s*[,}\]])")]
    private static partial Regex NonFinite();
}
