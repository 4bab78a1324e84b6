namespace OrleansEval.Sketches.Drift;

/// <summary>
/// What a drift measure reads, which decides the features it applies to: bin counts exist for every feature, sorted
/// samples only for numeric ones.
/// </summary>
public enum DriftMeasureInput
{
    /// <summary>The reference and current counts of the same bins (numeric and categorical features).</summary>
    Bins = 0,

    /// <summary>The two sorted views of the values (numeric features only).</summary>
    Samples = 1,
}
