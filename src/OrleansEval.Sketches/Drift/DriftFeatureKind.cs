namespace OrleansEval.Sketches.Drift;

/// <summary>The kind of feature a set of drift measures describes; it selects the default drift decision.</summary>
public enum DriftFeatureKind
{
    /// <summary>A numeric feature: bins cut at reference quantiles, plus sample measures (KS, Wasserstein).</summary>
    Numeric = 0,

    /// <summary>A categorical feature: one bin per category, plus a missing bin.</summary>
    Categorical = 1,
}
