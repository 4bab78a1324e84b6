using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansEval.Sketches.Slicing;
using OrleansEval.Sketches.Tests.Estimation;

namespace OrleansEval.Sketches.Tests.Slicing;

/// <summary>
/// The weather scenario's production rows, encoded on the reference's 10 bins per numeric feature, against the worst
/// slices pandas found by enumerating every conjunction of one or two predicates (scenario-weather-resolution.json).
/// </summary>
public sealed partial class SliceLineWeatherTests
{
    private static readonly string[] Numeric = ["temp_max", "temp_min", "temp_range", "wind"];

    [Theory]
    [InlineData("top_score1_max1", "score1", 1.0, 1)]
    [InlineData("top_score1_max2", "score1", 1.0, 2)]
    [InlineData("top_score095_max2", "score095", 0.95, 2)]
    public void Search_OnWeatherProduction_FindsThePandasWorstSlices(string list, string scoreName, double alpha, int maxConditions)
    {
        var (table, cutPoints, categories) = ProductionTable();
        using var truth = JsonDocument.Parse(QuoteNonFinite(File.ReadAllText(WeatherScenario.PathOf("scenario-weather-resolution.json"))));
        var worst = truth.RootElement.GetProperty("worstSlices");
        var expected = worst.GetProperty(list).EnumerateArray()
            .Select(slice => (Key: Key(slice.GetProperty("conditions"), cutPoints, categories), Slice: slice.Clone(), Score: slice.GetProperty(scoreName).GetDouble()))
            .Where(slice => slice.Score > 0)
            .ToList();

        var result = SliceLineSearch.Search(table, new SliceSearchOptions(alpha, worst.GetProperty("minSize").GetInt32(), maxConditions, k: 200));

        Assert.Equal(worst.GetProperty("rows").GetInt32(), result.Rows);
        Assert.Equal(worst.GetProperty("overallError").GetDouble(), result.OverallError, 1e-12);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(slice => slice.Key).Order(), result.Slices.Select(BruteForceSlices.Key).Order());
        var byKey = expected.ToDictionary(slice => slice.Key, slice => slice.Slice);
        for (var i = 0; i < expected.Count; i++)
        {
            var finding = result.Slices[i];
            var slice = byKey[BruteForceSlices.Key(finding)];
            Assert.Equal(expected[i].Score, finding.Score, 1e-9);
            Assert.Equal(slice.GetProperty(scoreName).GetDouble(), finding.Score, 1e-9);
            Assert.Equal(slice.GetProperty("size").GetInt32(), finding.Size);
            Assert.Equal(slice.GetProperty("error").GetDouble(), finding.Error, 1e-9);
            Assert.Equal(slice.GetProperty("errorVsRest").GetDouble(), finding.ErrorVsRest, 1e-9);
        }
    }

    private static (SliceTable Table, Dictionary<string, double[]> CutPoints, string[] Categories) ProductionTable()
    {
        using var truth = JsonDocument.Parse(File.ReadAllBytes(WeatherScenario.PathOf("scenario-weather-truth.json")));
        var bins = truth.RootElement.GetProperty("reference").GetProperty("bins");
        var categories = bins.GetProperty("location").GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToArray();
        var cutPoints = Numeric.ToDictionary(name => name, name => VectorJson.ReadDoubles(bins.GetProperty(name).GetProperty("cut_points")));
        var codes = new[] { "location" }.Concat(Numeric).ToDictionary(name => name, _ => new List<int>());
        var errors = new List<double>();
        foreach (var line in File.ReadLines(WeatherScenario.PathOf("scenario-weather-production.jsonl")).Where(line => line.Length > 0))
        {
            using var record = JsonDocument.Parse(line);
            var features = record.RootElement.GetProperty("features");
            codes["location"].Add(Array.IndexOf(categories, features.GetProperty("location").GetString()));
            foreach (var name in Numeric)
            {
                var value = features.GetProperty(name).GetDouble();
                codes[name].Add(cutPoints[name].Count(cut => cut <= value));
            }

            errors.Add(record.RootElement.GetProperty("prediction").GetInt32() == record.RootElement.GetProperty("actual").GetInt32() ? 0 : 1);
        }

        var columns = new List<SliceColumn> { new("location", codes["location"], categories) };
        columns.AddRange(Numeric.Select(name => new SliceColumn(name, codes[name], BinLabels(cutPoints[name]))));
        return (new SliceTable(columns, errors), cutPoints, categories);
    }

    private static string[] BinLabels(double[] cuts) =>
        [.. Enumerable.Range(0, cuts.Length + 1).Select(bin => string.Create(CultureInfo.InvariantCulture, $"[{(bin == 0 ? "-inf" : cuts[bin - 1])}, {(bin == cuts.Length ? "inf" : cuts[bin])})"))];

    private static string Key(JsonElement conditions, Dictionary<string, double[]> cutPoints, string[] categories) =>
        string.Join("&", conditions.EnumerateArray().Select(condition =>
        {
            var feature = condition.GetProperty("feature").GetString()!;
            var code = feature == "location"
                ? Array.IndexOf(categories, condition.GetProperty("value").GetString())
                : Array.IndexOf(cutPoints[feature], VectorJson.ReadDouble(condition.GetProperty("lo"))) + 1;
            return $"{feature}={code}";
        }));

    /// <summary>Python writes ±Infinity and NaN as bare words; quote them so the JSON reader accepts them.</summary>
    private static string QuoteNonFinite(string json) => NonFinite().Replace(json, "\"$1\"");

    [GeneratedRegex(@"(-?Infinity|NaN)(?=\s*[,}\]])")]
    private static partial Regex NonFinite();
}
