using System.Globalization;
using System.Text.Json;

namespace OrleansEval.Sketches.Tests.Estimation;

/// <summary>One scored record of the weather scenario.</summary>
internal readonly record struct WeatherRecord(DateTimeOffset Timestamp, double Score, bool Actual, int Prediction);

/// <summary>One calendar month of the weather truth: its first day and NannyML's CBPE estimate.</summary>
internal sealed record WeatherWindow(string Name, DateTimeOffset Start, int Count, IReadOnlyDictionary<string, double> CbpeEstimate);

/// <summary>
/// The repository's weather scenario (<c>samples/weather/</c>), found by walking up from the test assembly to the folder
/// holding <c>OrleansEval.sln</c>.
/// </summary>
internal static class WeatherScenario
{
    public static readonly string[] Metrics = ["accuracy", "precision", "recall", "f1", "roc_auc"];

    private static readonly Lazy<string> Folder = new(FindFolder);

    /// <summary>The path of a file of the scenario's folder.</summary>
    public static string PathOf(string fileName) => Path.Combine(Folder.Value, fileName);

    public static IReadOnlyList<WeatherRecord> Reference() => ReadRecords("scenario-weather-reference.jsonl");

    public static IReadOnlyList<WeatherRecord> Production() => ReadRecords("scenario-weather-production.jsonl");

    public static (bool NeedsCalibration, double Threshold, IReadOnlyList<WeatherWindow> Windows) Truth()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder.Value, "scenario-weather-truth.json")));
        var root = document.RootElement;
        var windows = new List<WeatherWindow>();
        foreach (var window in root.GetProperty("windows").EnumerateArray())
        {
            var estimate = new Dictionary<string, double>();
            foreach (var metric in Metrics)
            {
                estimate[metric] = window.GetProperty("cbpe_estimate").GetProperty(metric).GetDouble();
            }

            windows.Add(new WeatherWindow(
                window.GetProperty("window").GetString()!,
                DateTimeOffset.Parse(window.GetProperty("start").GetString()!, CultureInfo.InvariantCulture),
                window.GetProperty("n").GetInt32(),
                estimate));
        }

        return (root.GetProperty("cbpe_needs_calibration").GetBoolean(), root.GetProperty("threshold").GetDouble(), windows);
    }

    private static List<WeatherRecord> ReadRecords(string fileName)
    {
        var records = new List<WeatherRecord>();
        foreach (var line in File.ReadLines(Path.Combine(Folder.Value, fileName)))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            records.Add(new WeatherRecord(
                DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture),
                root.GetProperty("score").GetDouble(),
                root.GetProperty("actual").GetInt32() == 1,
                root.GetProperty("prediction").GetInt32()));
        }

        return records;
    }

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansEval.sln")))
            {
                var folder = Path.Combine(directory.FullName, "samples", "weather");
                Assert.True(Directory.Exists(folder), $"The weather scenario is missing from {folder}.");
                return folder;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds OrleansEval.sln.");
    }
}
