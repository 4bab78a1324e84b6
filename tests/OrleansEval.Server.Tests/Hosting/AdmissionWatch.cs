using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansEval.Server.Tests.Hosting;

/// <summary>
/// Follows one server's admission metrics (meter "OrleansEval.Gateway" of that server's meter factory), so a test can
/// wait until a request holds its slot instead of sleeping.
/// </summary>
internal sealed class AdmissionWatch : IDisposable
{
    private const string Admitted = "orleanseval.gateway.admission.admitted";
    private const string Refused = "orleanseval.gateway.admission.refused";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _refused = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _admitted = new();

    public AdmissionWatch(IServiceProvider services)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "OrleansEval.Gateway" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var protocol = string.Empty;
            foreach (var tag in tags)
            {
                if (tag.Key == "protocol")
                {
                    protocol = tag.Value as string ?? string.Empty;
                }
            }

            if (instrument.Name == Admitted)
            {
                FirstAdmission(protocol).TrySetResult();
            }
            else if (instrument.Name == Refused)
            {
                _refused.AddOrUpdate(protocol, value, (_, count) => count + value);
            }
        });
        _listener.Start();
    }

    /// <summary>Completes once a request of the protocol ("http" or "grpc") has been given a slot.</summary>
    public Task AdmittedAsync(string protocol) => FirstAdmission(protocol).Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Requests of the protocol refused so far.</summary>
    public long RefusedCount(string protocol) => _refused.GetValueOrDefault(protocol);

    public void Dispose() => _listener.Dispose();

    private TaskCompletionSource FirstAdmission(string protocol) =>
        _admitted.GetOrAdd(protocol, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
