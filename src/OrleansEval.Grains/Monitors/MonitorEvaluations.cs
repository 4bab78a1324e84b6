using System.Diagnostics.Metrics;
using OrleansEval.Grains.Persistence;

namespace OrleansEval.Grains.Monitors;

/// <summary>
/// Counts monitor evaluations on the grains' meter (<see cref="StateWrites.MeterName"/>), by model, monitor and what
/// started them: <c>due</c> (a batch changed its inputs, or the volume check came), <c>reminder</c>
/// or <c>demand</c>.
/// </summary>
internal sealed class MonitorEvaluations(IMeterFactory meters)
{
    /// <summary>Name of the counter; tags <c>model</c>, <c>monitor</c> and <c>trigger</c>.</summary>
    public const string Counter = "orleanseval.monitors.evaluations";

    private readonly Counter<long> _evaluations = meters.Create(StateWrites.MeterName)
        .CreateCounter<long>(Counter, unit: "{evaluation}", description: "Monitor evaluations, by model, monitor and trigger");

    /// <summary>Counts one evaluation of <paramref name="monitor"/> of <paramref name="modelId"/>.</summary>
    public void Count(string modelId, string monitor, string trigger) => _evaluations.Add(
        1,
        new KeyValuePair<string, object?>("model", modelId),
        new KeyValuePair<string, object?>("monitor", monitor),
        new KeyValuePair<string, object?>("trigger", trigger));
}
