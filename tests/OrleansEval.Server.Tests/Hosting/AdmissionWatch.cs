using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansEval.Server.Tests.Hosting;

/// <summary>
/// Follows one server's admission metrics (meter "OrleansEval.Gateway" of that server's meter factory) and counts the
/// requests refused, by protocol.
/// </summary>
internal sealed class AdmissionWatch : IDisposable
{
    private const string Refused = "orleanseval.gateway.admission.refused";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _refused = new();

    public AdmissionWatch(IServiceProvider services)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "OrleansEval.Gateway" && ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == Refused)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var protocol = string.Empty;
            foreach (var tag in tags)
            {
                if (tag.Key == "protocol")
                {
                    protocol = tag.Value as string ?? string.Empty;
                }
            }

            _refused.AddOrUpdate(protocol, value, (_, count) => count + value);
        });
        _listener.Start();
    }

    /// <summary>Requests of the protocol ("http" or "grpc") refused so far.</summary>
    public long RefusedCount(string protocol) => _refused.GetValueOrDefault(protocol);

    public void Dispose() => _listener.Dispose();
}
