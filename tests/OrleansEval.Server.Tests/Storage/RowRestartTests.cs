using System.Collections.Immutable;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Storage;

/// <summary>Rows kept through one silo on Azurite, and a late actual for one of them, are read back by a fresh silo on the same storage.</summary>
[Collection(AzuriteTestGroup.Name)]
public sealed class RowRestartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RowsAndALateActual_AfterTheSiloIsReplacedByAFreshOne_AreReadBack()
    {
        var modelId = $"rowsrestart-{Guid.NewGuid():N}"[..22];
        var day = new DateTimeOffset(2012, 12, 31, 0, 0, 0, TimeSpan.Zero);
        ImmutableArray<RecordInput> records = [.. Enumerable.Range(0, 50).Select(i => new RecordInput
        {
            Index = i,
            PredictionId = $"r{i}",
            Timestamp = day.AddMinutes(25 * i),
            Features = ImmutableDictionary<string, FeatureValue>.Empty.Add("x", FeatureValue.Of(i * 2.0)),
            Prediction = new PredictionInput(FeatureValue.Missing, FeatureValue.Missing, FeatureValue.Of(i + 0.25)),
            Actual = new ActualInput(FeatureValue.Missing, FeatureValue.Of(i)),
        })];

        await using (var first = new ServerFactory(azurite.ConnectionString))
        {
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            var model = new ModelDefinition { Task = ModelTask.Regression, Features = [new FeatureDefinition("x", FeatureType.Numeric)] };
            Assert.Null((await grains.GetGrain<IModelGrain>(modelId).DefineAsync(model)).Error);
            Assert.Equal(50, (await grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, new IngestBatch("records:rows", records, [])))!.Accepted);
            var late = await grains.GetGrain<IIngestWorker>(0).IngestActualsAsync(modelId, "actuals:rows", [new ActualRecord(0, "r7", new ActualInput(FeatureValue.Missing, FeatureValue.Of(70.0)))]);
            Assert.Equal(1, late!.Accepted);
        }

        // The parts are in the row store's own container, not only in the ingest log a fresh silo would replay.
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("orleanseval-rows");
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{modelId}/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        Assert.Contains($"{modelId}/default/production/2012-12-31/rows-0000000000.parquet", names);
        Assert.Contains(names, n => n.StartsWith($"{modelId}/@actuals/", StringComparison.Ordinal) && n.EndsWith("/actuals-0000000000.parquet", StringComparison.Ordinal));

        await using var second = new ServerFactory(azurite.ConnectionString);
        var fresh = second.Services.GetRequiredService<IGrainFactory>();
        var rows = new Dictionary<string, (DateTimeOffset Timestamp, double X, double Predicted, double Actual)>(StringComparer.Ordinal);
        await foreach (var block in fresh.ReadRowsAsync(new RowQuery(modelId, null, null, day, day.AddDays(2))))
        {
            var x = Assert.Single(block.Features);
            for (var i = 0; i < block.Count; i++)
            {
                rows.Add(block.PredictionIds[i], (block.Timestamps[i], x.Numbers[i], block.PredictedValues[i], block.ActualValues[i]));
            }
        }

        Assert.Equal(50, rows.Count);
        foreach (var record in records)
        {
            var i = record.Index;
            Assert.Equal((record.Timestamp, i * 2.0, i + 0.25, i == 7 ? 70.0 : i), rows[record.PredictionId]);
        }
    }
}
