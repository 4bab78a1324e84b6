namespace OrleansEval.Sketches.FailureModes;

/// <summary>What kind of failure a change of a metric between a baseline and a window is.</summary>
public enum FailureModeKind
{
    /// <summary>No significant change of the metric.</summary>
    None = 0,

    /// <summary>Missing, out-of-range or unseen-category rates of a feature jumped.</summary>
    DataQuality = 1,

    /// <summary>The shift of one feature's distribution explains at least the configured share of the change.</summary>
    CovariateShift = 2,

    /// <summary>The change happens inside the bins of every feature while the inputs are stable.</summary>
    ConceptShift = 3,

    /// <summary>The distribution of the actual moved while the inputs are stable.</summary>
    LabelShift = 4,
}
