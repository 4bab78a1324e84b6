using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using OrleansEval.GrainInterfaces;
using OrleansEval.Ingest;
using OrleansEval.Models;

namespace OrleansEval.Grains.Tests.Drift;

/// <summary>The bundled weather scenario as the grains receive it, and its independently computed truth.</summary>
internal static class WeatherScenarioData
{
    public static readonly string[] NumericFeatures = ["temp_max", "temp_min", "temp_range", "wind"];

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Scenario");

    public static ModelDefinition Model => new()
    {
        Task = ModelTask.BinaryClassification,
        PositiveLabel = "1",
        NegativeLabel = "0",
        Threshold = 0.5,
        Features = [new FeatureDefinition("location", FeatureType.Categorical), .. NumericFeatures.Select(f => new FeatureDefinition(f, FeatureType.Numeric))],
    };

    public static JsonDocument Truth() => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, "scenario-weather-truth.json")));

    public static IReadOnlyList<RecordInput> Records(string file, string environment, bool withActuals = true)
    {
        var records = new List<RecordInput>();
        foreach (var line in File.ReadLines(Path.Combine(Directory, file)).Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var features = ImmutableDictionary.CreateBuilder<string, FeatureValue>();
            foreach (var feature in root.GetProperty("features").EnumerateObject())
            {
                features[feature.Name] = feature.Value.ValueKind == JsonValueKind.Number
                    ? FeatureValue.Of(feature.Value.GetDouble())
                    : FeatureValue.Of(feature.Value.GetString()!);
            }

            records.Add(new RecordInput
            {
                Index = records.Count,
                PredictionId = root.GetProperty("prediction_id").GetString()!,
                Timestamp = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture),
                Version = "v1",
                Environment = environment,
                Features = features.ToImmutable(),
                Prediction = new PredictionInput(
                    FeatureValue.Of(root.GetProperty("prediction").GetInt32().ToString(CultureInfo.InvariantCulture)),
                    FeatureValue.Of(root.GetProperty("score").GetDouble()),
                    FeatureValue.Missing),
                Actual = withActuals
                    ? new ActualInput(FeatureValue.Of(root.GetProperty("actual").GetInt32().ToString(CultureInfo.InvariantCulture)), FeatureValue.Missing)
                    : null,
            });
        }

        return records;
    }

    public static async Task IngestAsync(IGrainFactory grains, string modelId, IReadOnlyList<RecordInput> records, int batchSize = 250)
    {
        foreach (var chunk in records.Chunk(batchSize))
        {
            var indexed = chunk.Select((r, i) => r with { Index = i }).ToImmutableArray();
            var result = await grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, new IngestBatch(Guid.NewGuid().ToString("N"), indexed, []));
            Assert.NotNull(result);
            Assert.Empty(result.Rejected);
            Assert.Equal(chunk.Length, result.Accepted);
        }
    }
}
