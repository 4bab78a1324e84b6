using System.Collections.Immutable;
using System.Text.Json;
using OrleansEval.Actuals;
using OrleansEval.Baselines;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Drift;
using OrleansEval.Performance;

namespace OrleansEval.Grains.Tests.Performance;

/// <summary>The weather scenario set up for performance questions: two baselines (deciles for drift, quartiles for slices).</summary>
internal static class WeatherPerformanceScenario
{
    public static async Task<string> ReplayAsync(IGrainFactory grains, string prefix, bool withheldActuals)
    {
        var modelId = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        using var truth = WeatherScenarioData.Truth();
        Assert.Null((await grains.GetGrain<IModelGrain>(modelId).DefineAsync(WeatherScenarioData.Model)).Error);
        await WeatherScenarioData.IngestAsync(grains, modelId, WeatherScenarioData.Records("scenario-weather-reference.jsonl", "training"));
        var referenceBins = truth.RootElement.GetProperty("reference").GetProperty("bins");
        var edges = WeatherScenarioData.NumericFeatures.ToImmutableDictionary(
            f => f,
            f => referenceBins.GetProperty(f).GetProperty("cut_points").EnumerateArray().Select(e => e.GetDouble()).ToImmutableArray());
        var model = grains.GetGrain<IModelGrain>(modelId);
        Assert.Null((await model.FreezeBaselineAsync("training", new BaselineSpec { Version = "v1", Environment = "training", Edges = edges })).Error);
        Assert.Null((await model.FreezeBaselineAsync("quartiles", new BaselineSpec { Version = "v1", Environment = "training", Bins = 4 })).Error);

        var production = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production", withActuals: !withheldActuals);
        await WeatherScenarioData.IngestAsync(grains, modelId, production);
        return modelId;
    }

    /// <summary>Every production actual as a late actual, shuffled with a fixed seed, in batches.</summary>
    public static async Task SendActualsShuffledAsync(IGrainFactory grains, string modelId, int batchSize = 97)
    {
        var actuals = WeatherScenarioData.Records("scenario-weather-production.jsonl", "production")
            .Select(r => (r.PredictionId, r.Actual!))
            .ToList();
        var random = new Random(20261127);
        var shuffled = actuals.OrderBy(_ => random.Next()).ToList();
        foreach (var chunk in shuffled.Chunk(batchSize))
        {
            var batch = chunk.Select((a, i) => new ActualRecord(i, a.PredictionId, a.Item2)).ToImmutableArray();
            var result = await grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, Guid.NewGuid().ToString("N"), batch);
            Assert.NotNull(result);
            Assert.Empty(result.Rejected);
            Assert.Empty(result.Unmatched);
            Assert.Equal(chunk.Length, result.Accepted);
        }
    }

    public static async Task<SlicePerformance> MonthAsync(IGrainFactory grains, string modelId, DateTimeOffset start, string slice = "all")
    {
        var answer = await grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(modelId, new PerformanceQuery("v1", "production", start, start.AddMonths(1), slice, null, false));
        Assert.Null(answer.Error);
        return answer.Report!.Total;
    }

    public static IEnumerable<(string Month, DateTimeOffset Start, JsonElement Window)> Months(JsonDocument truth) =>
        truth.RootElement.GetProperty("windows").EnumerateArray().Select(w => (
            w.GetProperty("window").GetString()!,
            DateTimeOffset.Parse(w.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            w));

    public static string ColumnSlice(JsonProperty spec) =>
        spec.Value.GetString()!.StartsWith('[') ? $"{spec.Name} in {spec.Value.GetString()}" : $"{spec.Name} = {spec.Value.GetString()}";
}
