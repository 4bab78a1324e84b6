using System.Collections.Immutable;
using Orleans.Core.Internal;
using OrleansEval.Baselines;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Models;
using OrleansEval.Grains.Slices;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.Rollups;

/// <summary>
/// A binary classifier with two numeric features and a categorical one, a frozen training baseline, and generated
/// hourly production records with actuals; and the means to make its grains write and read their state again.
/// </summary>
internal static class RollupScenario
{
    public static readonly SeriesId Production = new("v1", "production");

    private static readonly string[] Cities = ["Seattle", "New York", "Chicago", "Denver"];

    public static ModelDefinition Model => new()
    {
        Task = ModelTask.BinaryClassification,
        Features =
        [
            new FeatureDefinition("load", FeatureType.Numeric),
            new FeatureDefinition("latency", FeatureType.Numeric),
            new FeatureDefinition("city", FeatureType.Categorical),
        ],
    };

    /// <summary>Registers the model, ingests ten days of training records before <paramref name="start"/> and freezes them.</summary>
    public static async Task<string> DefineAsync(IGrainFactory grains, string prefix, DateTimeOffset start)
    {
        var modelId = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        var model = grains.GetGrain<IModelGrain>(modelId);
        Assert.Null((await model.DefineAsync(Model)).Error);
        await IngestAsync(grains, modelId, Training(start));
        Assert.Null((await model.FreezeBaselineAsync("training", new BaselineSpec { Version = "v1", Environment = "training" })).Error);
        return modelId;
    }

    /// <summary>The training records: two an hour for the ten days before <paramref name="start"/>.</summary>
    public static IReadOnlyList<RecordInput> Training(DateTimeOffset start) => Records(start.AddDays(-10), days: 10, perHour: 2, "training", seed: 1);

    /// <summary>
    /// <paramref name="perHour"/> records in every hour of <paramref name="days"/> days from <paramref name="from"/>: a
    /// drifting load, a latency missing now and then, a city (sometimes missing), and a score with its actual.
    /// </summary>
    public static IReadOnlyList<RecordInput> Records(DateTimeOffset from, int days, int perHour, string environment, int seed, bool withActuals = true)
    {
        var random = new Random(seed);
        var records = new List<RecordInput>();
        for (var hour = 0; hour < days * 24; hour++)
        {
            for (var i = 0; i < perHour; i++)
            {
                var timestamp = from.AddHours(hour).AddSeconds(i * 3600 / perHour);
                var load = Math.Round(50 + (10 * Normal(random)) + (0.2 * (hour / 24)), 2);
                var score = Math.Round(1 / (1 + Math.Exp(-(load - 55) / 5)), 3);
                var features = ImmutableDictionary<string, FeatureValue>.Empty
                    .Add("load", FeatureValue.Of(load))
                    .Add("latency", i % 11 == 3 ? FeatureValue.Missing : FeatureValue.Of(Math.Round(Math.Exp(Normal(random)), 3)))
                    .Add("city", records.Count % 13 == 5 ? FeatureValue.Missing : FeatureValue.Of(Cities[random.Next(Cities.Length)]));
                var actual = random.NextDouble() < score ? "1" : "0";
                records.Add(new RecordInput
                {
                    Index = records.Count,
                    PredictionId = $"{environment}-{timestamp.ToUnixTimeSeconds()}-{i}",
                    Timestamp = timestamp,
                    Version = "v1",
                    Environment = environment,
                    Features = features,
                    Prediction = new PredictionInput(FeatureValue.Of(score >= 0.5 ? "1" : "0"), FeatureValue.Of(score), FeatureValue.Missing),
                    Actual = withActuals ? new ActualInput(FeatureValue.Of(actual), FeatureValue.Missing) : null,
                });
            }
        }

        return records;
    }

    public static async Task IngestAsync(IGrainFactory grains, string modelId, IReadOnlyList<RecordInput> records)
    {
        foreach (var chunk in records.Chunk(1000))
        {
            var indexed = chunk.Select((r, i) => r with { Index = i }).ToImmutableArray();
            var result = await grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, new IngestBatch(Guid.NewGuid().ToString("N"), indexed, []));
            Assert.NotNull(result);
            Assert.Empty(result.Rejected);
            Assert.Equal(chunk.Length, result.Accepted);
        }
    }

    public static IFeatureGrain Column(IGrainFactory grains, string modelId, string column) =>
        grains.GetGrain<IFeatureGrain>(FeatureKey.For(modelId, Production, column).ToString());

    public static ISliceGrain WholeModel(IGrainFactory grains, string modelId) =>
        grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, Production, SliceKey.All));

    /// <summary>
    /// Deactivates every column and slice grain of the production series, so each writes its state (rolling up the
    /// days that are due), then calls each again: a call waits for the deactivation, and the new activation reads the
    /// state back from the store.
    /// </summary>
    public static async Task ReloadAsync(IGrainFactory grains, string modelId)
    {
        var snapshot = (await grains.GetGrain<IModelGrain>(modelId).GetAsync())!;
        var columns = ModelColumns.For(snapshot.Definition).Select(c => Column(grains, modelId, c.Name)).ToList();
        var families = SliceRouter.EnumerateFamilies(snapshot).Select(f => grains.GetGrain<ISliceGrain>(SliceGrainKey.For(modelId, Production, f))).ToList();
        await Task.WhenAll(columns.Cast<IAddressable>().Concat(families).Select(g => g.AsReference<IGrainManagementExtension>().DeactivateOnIdle().AsTask()));
        await Task.WhenAll(columns.Select(c => c.CountAsync(null)));
        await Task.WhenAll(families.Select(f => f.GetMembersAsync(null)));
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
