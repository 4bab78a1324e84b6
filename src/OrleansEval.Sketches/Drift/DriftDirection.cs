namespace OrleansEval.Sketches.Drift;

/// <summary>Which way a drift score moves when the current distribution departs from the reference.</summary>
public enum DriftDirection
{
    /// <summary>A larger score means more drift (distances, divergences, test statistics).</summary>
    HigherMeansDrift = 0,

    /// <summary>A smaller score means more drift (p-values).</summary>
    LowerMeansDrift = 1,
}
