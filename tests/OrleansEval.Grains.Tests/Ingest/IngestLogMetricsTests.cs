using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Globalization;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;
using OrleansEval.Models;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// The ingest log's segment write is what every acknowledgement waits for, so its time is in the persist histogram
/// beside the grains' own writes, under <c>grain="log"</c>.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class IngestLogMetricsTests(ClusterFixture fixture) : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Grain, string Outcome, double Seconds)> _durations = new();

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Ingest_OfABatch_RecordsTheLogsSegmentWriteBeforeItIsAcknowledged()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == StateWrites.DurationHistogram)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            string? grain = null, outcome = null;
            foreach (var tag in tags)
            {
                grain = tag.Key == "grain" ? tag.Value as string : grain;
                outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
            }

            _durations.Enqueue((grain ?? "", outcome ?? "", seconds));
        });
        _listener.Start();

        var modelId = $"logtime-{Guid.NewGuid():N}"[..20];
        var model = new ModelDefinition { Task = ModelTask.Regression, Features = [new FeatureDefinition("x", FeatureType.Numeric)] };
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(model)).Error);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var records = Enumerable.Range(0, 10).Select(i => new RecordInput
        {
            Index = i,
            PredictionId = i.ToString(CultureInfo.InvariantCulture),
            Timestamp = start.AddMinutes(i),
            Features = ImmutableDictionary<string, FeatureValue>.Empty.Add("x", FeatureValue.Of(i)),
            Prediction = new PredictionInput(FeatureValue.Missing, FeatureValue.Missing, FeatureValue.Of(i * 0.1)),
        }).ToImmutableArray();

        var result = await fixture.Grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, new IngestBatch("timed", records, []));

        Assert.Equal(10, result!.Accepted);
        var logWrites = _durations.Where(d => d.Grain == "log").ToList();
        Assert.Contains(logWrites, d => d.Outcome == "written" && d.Seconds > 0);
    }
}
