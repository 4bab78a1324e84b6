namespace OrleansEval.Sketches.FailureModes;

/// <summary>
/// What the failure-mode rules read of one feature: its contribution to the metric change (null without labelled rows),
/// its drift decision, and its data-quality rates in the window and the baseline.
/// </summary>
public sealed record FeatureFacts
{
    /// <summary>The feature's name.</summary>
    public required string Name { get; init; }

    /// <summary>Σ mix over its bins: the change its distribution's shift explains at baseline performance.</summary>
    public double? Mix { get; init; }

    /// <summary>Σ within over its bins: the change inside its bins.</summary>
    public double? Within { get; init; }

    /// <summary>
    /// How unevenly the metric changed across its bins: √(Σ_b w_cur,b·(d_b − d̄)²), d_b = m_cur,b − m_base,b and d̄ their
    /// w_cur-weighted mean. Large for the feature whose bins localise a change inside bins (a region whose labels
    /// flipped); null without labelled rows.
    /// </summary>
    public double? WithinSpread { get; init; }

    /// <summary>True when the drift answer's deciding measure crossed its threshold.</summary>
    public bool Drifted { get; init; }

    /// <summary>The deciding drift measure's name.</summary>
    public string? DriftMeasure { get; init; }

    /// <summary>The deciding drift measure's value; null when undefined.</summary>
    public double? DriftValue { get; init; }

    /// <summary>The baseline's share of rows without a value (0 when unknown).</summary>
    public double BaselineMissingRate { get; init; }

    /// <summary>The window's share of rows without a value.</summary>
    public double? MissingRate { get; init; }

    /// <summary>The window's share of values outside the baseline's range (numeric).</summary>
    public double? OutOfRangeRate { get; init; }

    /// <summary>The window's share of values in categories the baseline never saw (categorical).</summary>
    public double? UnseenCategoryRate { get; init; }
}
