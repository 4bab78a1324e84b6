using System.Collections.Immutable;

namespace OrleansEval.Alerts;

/// <summary>
/// A monitor's state change for one target, with its evidence. <see cref="Sequence"/> orders every alert of the
/// cluster and is the id a stream consumer resumes from.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Alert")]
[Immutable]
public sealed record Alert
{
    /// <summary>Position in the one alert sequence of the cluster: the id a stream consumer resumes after.</summary>
    [Id(0)] public long Sequence { get; init; }

    /// <summary>The model the monitor watches.</summary>
    [Id(1)] public required string ModelId { get; init; }

    /// <summary>The monitor's name.</summary>
    [Id(2)] public required string Monitor { get; init; }

    /// <summary>The monitor's kind: <c>drift</c>, <c>dataQuality</c>, <c>performance</c>, <c>estimatedPerformance</c> or <c>worstSlices</c>.</summary>
    [Id(3)] public required string Kind { get; init; }

    /// <summary>What changed state: a feature, <c>prediction</c>, or a slice for performance and worst-slice monitors.</summary>
    [Id(4)] public required string Target { get; init; }

    /// <summary>The state the target entered.</summary>
    [Id(5)] public required AlertState State { get; init; }

    /// <summary>The measure or metric compared with the threshold.</summary>
    [Id(6)] public required string Measure { get; init; }

    /// <summary>The measure's value over the window; null when it could not be computed.</summary>
    [Id(7)] public double? Value { get; init; }

    /// <summary>The threshold the value was compared with (derived, for drops from a baseline and automatic thresholds).</summary>
    [Id(8)] public double Threshold { get; init; }

    /// <summary>Which side of the threshold is worse: <c>above</c> or <c>below</c>.</summary>
    [Id(9)] public required string Direction { get; init; }

    /// <summary>Start of the evaluated window (inclusive).</summary>
    [Id(10)] public DateTimeOffset WindowFrom { get; init; }

    /// <summary>End of the evaluated window (exclusive).</summary>
    [Id(11)] public DateTimeOffset WindowTo { get; init; }

    /// <summary>The values (labelled rows, or predictions for estimates) the window held.</summary>
    [Id(12)] public long Count { get; init; }

    /// <summary>When the monitor evaluated, on the store's clock.</summary>
    [Id(13)] public DateTimeOffset At { get; init; }

    /// <summary>For drift, the bins that moved most, with baseline and current proportions; empty otherwise.</summary>
    [Id(14)] public ImmutableArray<AlertBin> Bins { get; init; } = [];

    /// <summary>The baseline the window was compared with, when the monitor names one.</summary>
    [Id(15)] public string? Baseline { get; init; }

    /// <summary>For a worst-slice monitor, the link to the slice's rows in the window (the examples endpoint); null otherwise.</summary>
    [Id(16)] public string? Examples { get; init; }

    /// <summary>For a worst-slice monitor, the slice's Benjamini–Hochberg q-value (compared with the threshold); null otherwise.</summary>
    [Id(17)] public double? QValue { get; init; }

    /// <summary>
    /// For a firing performance or estimated-performance alert, the top three features by contribution to the metric's
    /// change over the window against the monitor's baseline; empty otherwise, or when they could not be computed.
    /// </summary>
    [Id(18)] public ImmutableArray<AlertCause> Causes { get; init; } = [];

    /// <summary>Why <see cref="Causes"/> is empty for a firing performance alert (no baseline, no root cause); null otherwise.</summary>
    [Id(19)] public string? CauseNote { get; init; }
}
