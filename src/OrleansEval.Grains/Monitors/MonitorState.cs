using OrleansEval.Alerts;
using OrleansEval.Monitors;

namespace OrleansEval.Grains.Monitors;

/// <summary>
/// What a monitor grain persists: the monitors, each target's alert state, computed automatic thresholds, and each
/// worst-slice monitor's slices of its last evaluation.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.MonitorState")]
public sealed class MonitorState
{
    [Id(0)] public Dictionary<string, MonitorDefinition> Monitors { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, TargetState> Targets { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public Dictionary<string, double> AutoThresholds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per worst-slice monitor, the slices of its last evaluation's top K within the q-value bound.</summary>
    [Id(3)] public Dictionary<string, HashSet<string>> WorstSlices { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The alert state of one monitor and target, and when it last changed.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.TargetState")]
public sealed class TargetState
{
    [Id(0)] public AlertState State { get; set; }

    [Id(1)] public DateTimeOffset ChangedAt { get; set; }
}
