using System.Globalization;
using System.Text.Json;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Grains.Tests.WorstSlices;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Tests.RootCause;

/// <summary>The weather scenario's records as kept rows: one block per UTC day, newest first, as the row store streams them.</summary>
internal static class WeatherRowBlocks
{
    /// <summary>The rows of <paramref name="file"/> with event times in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static IReadOnlyList<RowBlock> Read(string file, DateTimeOffset from, DateTimeOffset to)
    {
        var rows = new List<(DateTimeOffset Time, TestRow Row)>();
        foreach (var line in File.ReadLines(Path.Combine(WeatherScenarioData.Directory, file)).Where(line => line.Length > 0))
        {
            using var record = JsonDocument.Parse(line);
            var root = record.RootElement;
            var time = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
            if (time < from || time >= to)
            {
                continue;
            }

            var features = root.GetProperty("features").EnumerateObject().ToDictionary(
                feature => feature.Name,
                feature => feature.Value.ValueKind == JsonValueKind.Number ? (object?)feature.Value.GetDouble() : feature.Value.GetString());
            rows.Add((time, new TestRow(
                root.GetProperty("prediction_id").GetString()!,
                features,
                TestRow.NoTags,
                root.GetProperty("prediction").GetInt32().ToString(CultureInfo.InvariantCulture),
                root.GetProperty("score").GetDouble(),
                root.GetProperty("actual").GetInt32().ToString(CultureInfo.InvariantCulture))));
        }

        return [.. rows.OrderByDescending(row => row.Time)
            .GroupBy(row => row.Time.UtcDateTime.Date)
            .Select(day => TestRow.Block(WeatherScenarioData.Model, [.. day.Select(row => row.Row)]))];
    }
}
