namespace OrleansEval.Monitors;

/// <summary>
/// A rule on a measure: which measure of what, over which rolling window and baseline, the threshold (fixed, a drop
/// relative to the baseline, or automatic: mean ± k standard deviations over the baseline's own sub-windows), the
/// minimum count for a verdict, and how the alert avoids flapping.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.MonitorDefinition")]
[Immutable]
public sealed record MonitorDefinition
{
    /// <summary>Monitor name, unique per model.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>What the monitor watches.</summary>
    [Id(1)] public required MonitorKind Kind { get; init; }

    /// <summary>A feature name, "*" for every feature, or "prediction" (drift and data quality).</summary>
    [Id(2)] public string Target { get; init; } = "*";

    /// <summary>
    /// The measure: a drift measure (psi, jsDistance, …), a data-quality rate (missingRate, outOfRangeRate,
    /// unseenCategoryRate, typeErrorRate), a metric (accuracy, f1, rocAuc, mae, …), or for worst-slice monitors the
    /// per-row error metric (error, logLoss, brier, squaredError).
    /// </summary>
    [Id(3)] public required string Measure { get; init; }

    /// <summary>The fixed threshold; ignored when <see cref="AutoThresholdK"/> is set.</summary>
    [Id(4)] public double? Threshold { get; init; }

    /// <summary>For performance monitors: fire when the metric falls this far below the baseline's (absolute).</summary>
    [Id(5)] public double? DropFromBaseline { get; init; }

    /// <summary>Automatic threshold: the baseline's sub-windows' mean ± this many standard deviations.</summary>
    [Id(6)] public double? AutoThresholdK { get; init; }

    /// <summary>Baseline the measure is taken against (drift, data quality, relative or automatic thresholds).</summary>
    [Id(7)] public string? Baseline { get; init; }

    /// <summary>Series watched.</summary>
    [Id(8)] public string Version { get; init; } = "default";

    /// <summary>Environment watched.</summary>
    [Id(9)] public string Environment { get; init; } = "production";

    /// <summary>Rolling window ending now.</summary>
    [Id(10)] public TimeSpan Window { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Fewest values (or labelled rows) in the window for a verdict; below it the monitor says nothing.</summary>
    [Id(11)] public long MinCount { get; init; } = 30;

    /// <summary>Slice of performance monitors ("all" by default).</summary>
    [Id(12)] public string Slice { get; init; } = "all";

    /// <summary>
    /// Hysteresis as a fraction of the threshold: a firing alert resolves only once the value is back past the
    /// threshold by this much (default 5%).
    /// </summary>
    [Id(13)] public double Hysteresis { get; init; } = 0.05;

    /// <summary>After an alert resolves, the same target does not fire again within this time.</summary>
    [Id(14)] public TimeSpan Cooldown { get; init; } = TimeSpan.Zero;

    /// <summary>For worst-slice monitors: how many of the best-scored slices are watched (default 5).</summary>
    [Id(15)] public int TopK { get; init; } = 5;

    /// <summary>For worst-slice monitors: the largest Benjamini–Hochberg q-value a watched slice may have (default 0.05).</summary>
    [Id(16)] public double MaxQValue { get; init; } = 0.05;
}
