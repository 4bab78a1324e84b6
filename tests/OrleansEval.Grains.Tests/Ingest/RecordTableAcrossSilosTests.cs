using System.Collections.Immutable;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;
using OrleansEval.Models;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// A batch sent by a client crosses to a silo in its packed column form and is counted there as sent: every record in
/// the series its version and environment name, and a record of an unknown environment rejected at its index.
/// </summary>
[Collection(ThreeSiloGroup.Name)]
public sealed class RecordTableAcrossSilosTests(ThreeSiloFixture fixture)
{
    private static readonly string[] Versions = ["v1", "v2"];

    // "staging" is not an environment the store knows: those records come back rejected, the rest are counted.
    private static readonly string[] Environments = ["production", "shadow", "training", "staging"];

    [Fact]
    public async Task Ingest_OfABatchFromAClient_CountsEveryRecordInItsSeriesAndRejectsTheSameRecords()
    {
        var grains = fixture.Cluster.Client;
        var modelId = $"wire-{Guid.NewGuid():N}"[..22];
        Assert.Null((await grains.GetGrain<IModelGrain>(modelId).DefineAsync(Model)).Error);
        var records = Records(600);

        foreach (var chunk in records.Chunk(200))
        {
            var batch = new IngestBatch(Guid.NewGuid().ToString("N"), [.. chunk.Select((r, i) => r with { Index = i })], []);
            var result = await grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, batch);
            var unknown = batch.Records.Rows.Where(r => r.Environment == "staging").Select(r => r.Index).ToList();
            Assert.NotNull(result);
            Assert.NotEmpty(unknown);
            Assert.Equal(unknown, result.Rejected.Select(r => r.Index));
            Assert.All(result.Rejected, r => Assert.StartsWith("environment: 'staging'", r.Error, StringComparison.Ordinal));
            Assert.Equal(chunk.Length - unknown.Count, result.Accepted);
        }

        var counts = await grains.GetGrain<IModelGrain>(modelId).GetSeriesCountsAsync();
        var expected = records.Where(r => r.Environment != "staging").GroupBy(r => (r.Version, r.Environment)).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.OrderBy(e => e.Key), counts.Select(c => KeyValuePair.Create(((string?)c.Series.Version, (string?)c.Series.Environment), c.Records)).OrderBy(e => e.Key));
    }

    private static ModelDefinition Model => new()
    {
        Task = ModelTask.BinaryClassification,
        PositiveLabel = "1",
        NegativeLabel = "0",
        Threshold = 0.5,
        Features = [new FeatureDefinition("city", FeatureType.Categorical), new FeatureDefinition("x", FeatureType.Numeric)],
    };

    private static List<RecordInput> Records(int count)
    {
        var random = new Random(3);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, count).Select(i => new RecordInput
        {
            Index = i,
            PredictionId = $"p-{i}",
            Timestamp = start.AddMinutes(i),
            Version = Versions[random.Next(Versions.Length)],
            Environment = Environments[random.Next(Environments.Length)],
            Features = ImmutableDictionary.CreateRange([
                KeyValuePair.Create("city", random.Next(5) == 0 ? FeatureValue.Missing : FeatureValue.Of(random.Next(2) == 0 ? "Zürich" : "東京")),
                KeyValuePair.Create("x", random.Next(7) == 0 ? FeatureValue.Missing : FeatureValue.Of(random.NextDouble()))]),
            Prediction = new PredictionInput(FeatureValue.Of(random.Next(2) == 0 ? "0" : "1"), FeatureValue.Of(random.NextDouble()), FeatureValue.Missing),
        })];
    }
}
