using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using OrleansEval.Alerts;
using OrleansEval.Grains.Persistence;

namespace OrleansEval.Grains.Monitors;

/// <summary>Counts, on the grains' meter, the alerts written to the alert log, by the monitor's kind and the alert's state (firing or resolved).</summary>
internal sealed class AlertMetrics
{
    /// <summary>Name of the counter of alerts; tags <c>kind</c> and <c>state</c>.</summary>
    public const string RaisedCounter = "orleanseval.grains.alerts.raised";

    private readonly Counter<long> _raised;

    public AlertMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _raised = meters.Create(StateWrites.MeterName).CreateCounter<long>(RaisedCounter, "{alert}", "Alerts written to the alert log, firing or resolved.");
    }

    /// <summary>Counts alerts once they are written.</summary>
    public void Count(ImmutableArray<Alert> alerts)
    {
        foreach (var alert in alerts)
        {
            _raised.Add(1, new KeyValuePair<string, object?>("kind", alert.Kind), new KeyValuePair<string, object?>("state", alert.State.ToString().ToLowerInvariant()));
        }
    }
}
