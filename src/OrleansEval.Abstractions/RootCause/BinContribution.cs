namespace OrleansEval.RootCause;

/// <summary>
/// One bin of a feature in a root cause, named as in the drift answer — a category, or [Lower, Upper) with null at an
/// open end; the missing bin has <see cref="Missing"/> set — with both sides' labelled shares, counts and metric, and
/// its mix, within and driftImpact.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.BinContribution")]
[Immutable]
public sealed record BinContribution
{
    /// <summary>Lower bound of a numeric bin (inclusive); null at the open lower end, and for categories.</summary>
    [Id(0)] public double? Lower { get; init; }

    /// <summary>Upper bound of a numeric bin (exclusive); null at the open upper end, and for categories.</summary>
    [Id(1)] public double? Upper { get; init; }

    /// <summary>The category of a categorical bin; null for numeric bins and the missing bin.</summary>
    [Id(2)] public string? Category { get; init; }

    /// <summary>True for the bin of rows without a value.</summary>
    [Id(3)] public bool Missing { get; init; }

    /// <summary>w_base,b: share of the baseline's labelled rows in the bin.</summary>
    [Id(4)] public double? BaselineShare { get; init; }

    /// <summary>w_cur,b: share of the window's labelled rows in the bin.</summary>
    [Id(5)] public double? CurrentShare { get; init; }

    /// <summary>v_cur,b: share of all the window's rows (labelled or not) in the bin.</summary>
    [Id(6)] public double? RowShare { get; init; }

    /// <summary>Labelled baseline rows in the bin.</summary>
    [Id(7)] public required long LabelledBaseline { get; init; }

    /// <summary>Labelled rows of the window in the bin.</summary>
    [Id(8)] public required long LabelledCurrent { get; init; }

    /// <summary>Rows of the window in the bin, labelled or not.</summary>
    [Id(9)] public required long RowsCurrent { get; init; }

    /// <summary>m_base,b: the metric over the bin's labelled baseline rows; null when there is none (the formulas then use M_base).</summary>
    [Id(10)] public double? BaselineMetric { get; init; }

    /// <summary>m_cur,b: the metric over the bin's labelled rows of the window; null when there is none.</summary>
    [Id(11)] public double? CurrentMetric { get; init; }

    /// <summary>(w_cur,b − w_base,b)·(m_base,b − M_base); null when either side has no labelled row.</summary>
    [Id(12)] public double? Mix { get; init; }

    /// <summary>w_cur,b·(m_cur,b − m_base,b), 0 where the window has no labelled row in the bin; null when either side has none at all.</summary>
    [Id(13)] public double? Within { get; init; }

    /// <summary>(v_cur,b − w_base,b)·(m_base,b − M_base); null when the baseline has no labelled row.</summary>
    [Id(14)] public double? DriftImpact { get; init; }
}
