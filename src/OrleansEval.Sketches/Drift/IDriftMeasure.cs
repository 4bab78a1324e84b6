namespace OrleansEval.Sketches.Drift;

/// <summary>
/// A stateless drift measure, as the catalogue lists it: its API name, what it reads, the direction in which its decision
/// score indicates drift, the threshold a policy uses when none is configured, and how to compute it. The threshold is
/// only a default; decisions belong to the policy a grain applies.
/// </summary>
public interface IDriftMeasure
{
    /// <summary>The measure's API name (camelCase), as it appears in answers, policies and monitors.</summary>
    string Name { get; }

    /// <summary>What the measure reads: bin counts (every feature) or sorted samples (numeric features only).</summary>
    DriftMeasureInput Input { get; }

    /// <summary>The threshold on the decision score used when a monitor does not override it.</summary>
    double DefaultThreshold { get; }

    /// <summary>Whether a higher or a lower decision score means more drift.</summary>
    DriftDirection Direction { get; }

    /// <summary>True when the decision score lies in [0, 1] (a p-value, a share, a bounded distance).</summary>
    bool IsAtMostOne { get; }

    /// <summary>
    /// The largest threshold that means something: 1 for a score in [0, 1], unbounded otherwise, lower for a p-value
    /// that is only reported up to a cap (a threshold above it would always be crossed).
    /// </summary>
    double ThresholdCeiling => IsAtMostOne ? 1 : double.PositiveInfinity;

    /// <summary>The measure of the current data against the reference; undefined when its inputs are missing or empty.</summary>
    /// <exception cref="ArgumentException">The count vectors differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, infinite or NaN.</exception>
    DriftMeasureResult Measure(DriftInputs inputs);

    /// <summary>True when the measure is defined for features of <paramref name="kind"/>.</summary>
    bool AppliesTo(DriftFeatureKind kind) => Input == DriftMeasureInput.Bins || kind == DriftFeatureKind.Numeric;
}
