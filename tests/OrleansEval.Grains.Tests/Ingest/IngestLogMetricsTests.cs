using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.Tests.Cluster;
using OrleansEval.Ingest;

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
        Assert.Null((await fixture.Grains.GetGrain<IModelGrain>(modelId).DefineAsync(LoggedBatch.Snapshot.Definition)).Error);
        var records = LoggedBatch.Records(10, TimeSpan.FromMinutes(1));

        var result = await fixture.Grains.GetGrain<IIngestWorker>(0).IngestAsync(modelId, new IngestBatch("timed", records, []));

        Assert.Equal(10, result!.Accepted);
        var logWrites = _durations.Where(d => d.Grain == "log").ToList();
        Assert.Contains(logWrites, d => d.Outcome == "written" && d.Seconds > 0);
    }
}
