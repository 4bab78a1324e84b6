using System.Collections.Immutable;
using System.Globalization;
using OrleansEval.Actuals;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Tests.Rows;

/// <summary>
/// The row store end to end on memory storage: records ingested through the worker are read back through the row
/// reader exactly as they were sent, each with its current actual — its own, a late one, or a correction.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RowStoreTests(ClusterFixture fixture)
{
    private static readonly ModelDefinition Classifier = new()
    {
        Task = ModelTask.BinaryClassification,
        PositiveLabel = "rain",
        NegativeLabel = "dry",
        Features = [new FeatureDefinition("temp", FeatureType.Numeric), new FeatureDefinition("city", FeatureType.Categorical)],
        Tags = [new FeatureDefinition("region", FeatureType.Categorical)],
    };

    [Fact]
    public async Task Read_AfterIngestLateActualAndCorrection_AnswersEveryRowAsSentWithItsLatestActual()
    {
        var modelId = $"rows-{Guid.NewGuid():N}"[..20];
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(Classifier)).Error);
        var start = ClusterFixture.Clock.GetUtcNow().Date.AddDays(-1);
        var records = Enumerable.Range(0, 60).Select(i => Record(i, new DateTimeOffset(start, TimeSpan.Zero).AddMinutes(47 * i).AddTicks(10 * i))).ToImmutableArray();
        var worker = fixture.Grains.GetGrain<IIngestWorker>(0);

        Assert.Equal(60, (await worker.IngestAsync(modelId, new IngestBatch("rows-1", records, [])))!.Accepted);
        await worker.IngestActualsAsync(modelId, "late-1", [new ActualRecord(0, "p1", Label("rain")), new ActualRecord(1, "p3", Label("dry"))]);
        await worker.IngestActualsAsync(modelId, "late-2", [new ActualRecord(0, "p3", Label("rain")), new ActualRecord(1, "p4", Label("rain"))]);

        var rows = await ReadAsync(modelId, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

        Assert.Equal(60, rows.Count);
        foreach (var record in records)
        {
            var row = rows[record.PredictionId];
            var i = int.Parse(record.PredictionId[1..], CultureInfo.InvariantCulture);
            Assert.Equal(record.Timestamp, row.Timestamp);
            Assert.Equal(i % 5 == 0 ? double.NaN : i * 1.5, row.Temp);
            Assert.Equal(i % 7 == 0 ? null : $"c{i % 3}", row.City);
            Assert.Equal(i % 2 == 0 ? "north" : null, row.Region);
            Assert.Equal(i / 100.0, row.Score);
            Assert.Equal(i / 100.0 >= 0.5 ? "rain" : "dry", row.Predicted);
            var expected = record.PredictionId switch
            {
                "p1" => "rain", // a late actual for a row sent without one
                "p3" => "rain", // corrected: the later of two late actuals
                "p4" => "rain", // a late actual replaces the one the record was sent with
                _ => i % 4 == 0 ? "dry" : null,
            };
            Assert.Equal(expected, row.Actual);
        }
    }

    [Fact]
    public async Task Read_BlocksComeNewestDayFirstWithRowsNewestFirst_AndOnlyTheWindow()
    {
        var modelId = $"rows-{Guid.NewGuid():N}"[..20];
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(Classifier)).Error);
        var start = new DateTimeOffset(ClusterFixture.Clock.GetUtcNow().Date.AddDays(-3), TimeSpan.Zero);
        var records = Enumerable.Range(0, 72).Select(i => Record(i, start.AddHours(i))).ToImmutableArray();
        await fixture.Grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, new IngestBatch("rows-window", records, []));

        var timestamps = new List<DateTimeOffset>();
        await foreach (var block in fixture.Grains.ReadRowsAsync(new RowQuery(modelId, null, null, start.AddHours(10), start.AddHours(50))))
        {
            Assert.Equal(block.Timestamps.OrderDescending(), block.Timestamps);
            timestamps.AddRange(block.Timestamps);
        }

        Assert.Equal(Enumerable.Range(10, 40).Select(h => start.AddHours(h)).OrderDescending(), timestamps);
    }

    [Fact]
    public async Task Read_OfOneVersionAndEnvironment_AnswersOnlyThatSeriesRows()
    {
        var modelId = $"rows-{Guid.NewGuid():N}"[..20];
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(Classifier)).Error);
        var start = new DateTimeOffset(ClusterFixture.Clock.GetUtcNow().Date.AddDays(-1), TimeSpan.Zero);
        var records = Enumerable.Range(0, 30).Select(i => Record(i, start.AddMinutes(i)) with
        {
            Version = i % 3 == 0 ? "v2" : "v1",
            Environment = i % 2 == 0 ? "shadow" : "production",
        }).ToImmutableArray();
        await fixture.Grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, new IngestBatch("rows-series", records, []));

        var ids = new List<string>();
        await foreach (var block in fixture.Grains.ReadRowsAsync(new RowQuery(modelId, "v2", "shadow", start, start.AddDays(1))))
        {
            Assert.Equal(new SeriesId("v2", "shadow"), block.Series);
            ids.AddRange(block.PredictionIds);
        }

        Assert.Equal(records.Where(r => r.Version == "v2" && r.Environment == "shadow").Select(r => r.PredictionId).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    private static RecordInput Record(int i, DateTimeOffset timestamp) => new()
    {
        Index = i,
        PredictionId = $"p{i}",
        Timestamp = timestamp,
        Features = ImmutableDictionary<string, FeatureValue>.Empty
            .AddRange(i % 5 == 0 ? [] : [KeyValuePair.Create("temp", FeatureValue.Of(i * 1.5))])
            .AddRange(i % 7 == 0 ? [] : [KeyValuePair.Create("city", FeatureValue.Of($"c{i % 3}"))]),
        Tags = i % 2 == 0 ? ImmutableDictionary<string, FeatureValue>.Empty.Add("region", FeatureValue.Of("north")) : ImmutableDictionary<string, FeatureValue>.Empty,
        Prediction = new PredictionInput(FeatureValue.Missing, FeatureValue.Of(i / 100.0), FeatureValue.Missing),
        Actual = i % 4 == 0 ? Label("dry") : null,
    };

    private static ActualInput Label(string label) => new(FeatureValue.Of(label), FeatureValue.Missing);

    private async Task<Dictionary<string, ReadRow>> ReadAsync(string modelId, DateTimeOffset from, DateTimeOffset to)
    {
        var rows = new Dictionary<string, ReadRow>(StringComparer.Ordinal);
        await foreach (var block in fixture.Grains.ReadRowsAsync(new RowQuery(modelId, null, null, from, to)))
        {
            var temp = block.Features.Single(f => f.Name == "temp");
            var city = block.Features.Single(f => f.Name == "city");
            var region = block.Tags.SingleOrDefault(t => t.Name == "region");
            for (var i = 0; i < block.Count; i++)
            {
                rows.Add(block.PredictionIds[i], new ReadRow(
                    block.Timestamps[i], temp.Numbers[i], city.Categories[i], region?.Categories[i], block.Scores[i], block.PredictedLabels[i], block.ActualLabels[i]));
            }
        }

        return rows;
    }

    private sealed record ReadRow(DateTimeOffset Timestamp, double Temp, string? City, string? Region, double Score, string? Predicted, string? Actual);
}
