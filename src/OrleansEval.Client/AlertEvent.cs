namespace OrleansEval.Client;

/// <summary>
/// One item of an alert subscription: a monitor's state change with its evidence, or — when <see cref="Lagged"/> is
/// true and nothing else is set — notice that the subscriber fell behind and alerts were skipped.
/// </summary>
public sealed record AlertEvent
{
    /// <summary>The notice that alerts were skipped; the watch resumes after the last sequence it saw.</summary>
    public static AlertEvent LaggedNotice { get; } = new() { Lagged = true };

    /// <summary>True for the notice that alerts were skipped.</summary>
    public bool Lagged { get; init; }

    /// <summary>Orders every alert of the cluster; a watch resumes after it.</summary>
    public long Sequence { get; init; }

    /// <summary>The model.</summary>
    public string? ModelId { get; init; }

    /// <summary>The monitor's name.</summary>
    public string? Monitor { get; init; }

    /// <summary>What the monitor watches (drift, performance, ...).</summary>
    public string? Kind { get; init; }

    /// <summary>The column or slice the alert is about.</summary>
    public string? Target { get; init; }

    /// <summary>"ok", "firing" or "resolved".</summary>
    public string? State { get; init; }

    /// <summary>The measure compared with the threshold.</summary>
    public string? Measure { get; init; }

    /// <summary>The measure's value; null when undefined.</summary>
    public double? Value { get; init; }

    /// <summary>The threshold.</summary>
    public double Threshold { get; init; }

    /// <summary>Whether the alert fires above or below the threshold.</summary>
    public string? Direction { get; init; }

    /// <summary>Start of the window evaluated.</summary>
    public DateTimeOffset WindowFrom { get; init; }

    /// <summary>End of the window evaluated.</summary>
    public DateTimeOffset WindowTo { get; init; }

    /// <summary>Records in the window.</summary>
    public long Count { get; init; }

    /// <summary>When the state changed.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The baseline compared with, for drift.</summary>
    public string? Baseline { get; init; }

    /// <summary>For a worst-slice alert, the link to the slice's rows in the window.</summary>
    public string? Examples { get; init; }

    /// <summary>For a worst-slice alert, the slice's Benjamini–Hochberg q-value.</summary>
    public double? QValue { get; init; }

    /// <summary>Evidence of a drift alert: the bins that moved.</summary>
    public IReadOnlyList<AlertEventBin> Bins { get; init; } = [];

    /// <summary>For a firing performance alert, the top three features by contribution to the metric's change.</summary>
    public IReadOnlyList<AlertEventCause> Causes { get; init; } = [];

    /// <summary>Why a firing performance alert has no causes, or what they explain when it is not the alert's measure.</summary>
    public string? CauseNote { get; init; }
}
