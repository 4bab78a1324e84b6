using OrleansEval.Alerts;

namespace OrleansEval.Grains.Monitors;

/// <summary>What the alert log persists: the next sequence number and the most recent alerts, oldest first.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.AlertLogState")]
public sealed class AlertLogState
{
    [Id(0)] public long NextSequence { get; set; } = 1;

    [Id(1)] public List<Alert> Alerts { get; set; } = [];
}
