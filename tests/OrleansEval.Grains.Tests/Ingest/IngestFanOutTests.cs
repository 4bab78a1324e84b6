using System.Collections.Immutable;
using System.Globalization;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;
using OrleansEval.Models;

namespace OrleansEval.Grains.Tests.Ingest;

[Collection(ClusterCollection.Name)]
public sealed class IngestFanOutTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Ingest_ThousandRecordsOfFiveFeatures_CostsOneCallPerColumnNotPerRecord()
    {
        var modelId = $"fanout-{Guid.NewGuid():N}"[..20];
        var model = new ModelDefinition
        {
            Task = ModelTask.Regression,
            Features = [.. Enumerable.Range(0, 4).Select(i => new FeatureDefinition($"x{i}", FeatureType.Numeric)), new FeatureDefinition("city", FeatureType.Categorical)],
        };
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(model)).Error);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var records = Enumerable.Range(0, 1000).Select(i => new RecordInput
        {
            Index = i,
            PredictionId = i.ToString(CultureInfo.InvariantCulture),
            Timestamp = start.AddMinutes(i),
            Features = ImmutableDictionary<string, FeatureValue>.Empty
                .Add("x0", FeatureValue.Of(i)).Add("x1", FeatureValue.Of(i * 0.5)).Add("x2", FeatureValue.Of(-i))
                .Add("x3", FeatureValue.Of(i % 7)).Add("city", FeatureValue.Of(i % 2 == 0 ? "Seattle" : "New York")),
            Prediction = new PredictionInput(FeatureValue.Missing, FeatureValue.Missing, FeatureValue.Of(i * 0.1)),
            Actual = new ActualInput(FeatureValue.Missing, FeatureValue.Of(i * 0.1 + 1)),
        }).ToImmutableArray();

        GrainCallCounter.Clear();
        var result = await fixture.Grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, new IngestBatch("fan-out", records, []));
        var calls = GrainCallCounter.Snapshot();

        Assert.Equal(1000, result!.Accepted);
        // One worker call; the model's revision, snapshot and the series registration; one chunk per column (5 features,
        // prediction, actual); per label-join shard (4 by default) a registration, and no capacity probe, since predictions
        // take no room in the join; per slice family
        // (the whole model, the categorical feature) one delta of predictions from the worker and one of outcomes from
        // each shard.
        Assert.Equal(7, calls.Count(c => c.StartsWith("OrleansEval.GrainInterfaces.IFeatureGrain/", StringComparison.Ordinal)));
        Assert.InRange(calls.Count(c => c.StartsWith("OrleansEval.GrainInterfaces.ISliceGrain/", StringComparison.Ordinal)), 2, 2 + (4 * 2));
        Assert.InRange(calls.Count(c => c.StartsWith("OrleansEval.GrainInterfaces.ILabelJoinGrain/", StringComparison.Ordinal)), 1, 4);
        Assert.InRange(calls.Count, 11, 28);
    }

    [Fact]
    public async Task Ingest_SameBatchIdTwice_IsAppliedOnce()
    {
        var modelId = $"retry-{Guid.NewGuid():N}"[..20];
        var model = new ModelDefinition { Task = ModelTask.Regression, Features = [new FeatureDefinition("x", FeatureType.Numeric)] };
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(model)).Error);
        var records = Enumerable.Range(0, 10).Select(i => new RecordInput
        {
            Index = i,
            PredictionId = i.ToString(CultureInfo.InvariantCulture),
            Timestamp = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Features = ImmutableDictionary<string, FeatureValue>.Empty.Add("x", FeatureValue.Of(i)),
        }).ToImmutableArray();
        var worker = fixture.Grains.GetGrain<IIngestWorker>(0);

        await worker.IngestAsync(modelId, new IngestBatch("same", records, []));
        await worker.IngestAsync(modelId, new IngestBatch("same", records, []));

        var counts = await fixture.Grains.GetGrain<IModelGrain>(modelId).GetSeriesCountsAsync();
        Assert.Equal(10, Assert.Single(counts).Records);
    }
}
