using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrleansEval.Server.Tests.Hosting;

namespace OrleansEval.Server.Tests.Alerts;

/// <summary>
/// A server of its own for the detection tests: evaluation on ingest on, due monitors evaluated at most once a second, volume monitors checked
/// every second, and a listener that counts monitor evaluations by model, monitor and trigger.
/// </summary>
public sealed class DetectionServer : IAsyncLifetime
{
    private const string MeterName = "OrleansEval.Grains";
    private const string EvaluationsCounter = "orleanseval.monitors.evaluations";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Model, string Monitor, string Trigger), long> _evaluations = new();

    public ServerFactory Factory { get; } = new(settings: new Dictionary<string, string>
    {
        ["OrleansEval:EvaluateOnIngest"] = "true",
        ["OrleansEval:MinEvaluationInterval"] = "00:00:01",
        ["OrleansEval:VolumeCheckInterval"] = "00:00:01",
    });

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Evaluations of <paramref name="monitor"/> of <paramref name="model"/> started by <paramref name="trigger"/> so far.</summary>
    public long Evaluations(string model, string monitor, string trigger = "due") =>
        _evaluations.GetValueOrDefault((model, monitor, trigger));

    public Task InitializeAsync()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == EvaluationsCounter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? model = null, monitor = null, trigger = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "model": model = tag.Value as string; break;
                    case "monitor": monitor = tag.Value as string; break;
                    case "trigger": trigger = tag.Value as string; break;
                }
            }

            _evaluations.AddOrUpdate((model ?? "", monitor ?? "", trigger ?? ""), value, (_, total) => total + value);
        });
        _listener.Start();
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        _listener.Dispose();
    }
}
