namespace OrleansEval.RootCause;

/// <summary>The kinds of failure a root cause classifies a metric's change as.</summary>
public static class FailureModeKinds
{
    /// <summary>Missing, out-of-range or unseen-category rates of the leading features jumped.</summary>
    public const string DataQuality = "dataQuality";

    /// <summary>The leading feature's shift explains at least half of the change.</summary>
    public const string CovariateShift = "covariateShift";

    /// <summary>Change inside the bins dominates every feature while the inputs are stable.</summary>
    public const string ConceptShift = "conceptShift";

    /// <summary>The actual's distribution moved while the inputs are stable.</summary>
    public const string LabelShift = "labelShift";

    /// <summary>No significant change of the metric.</summary>
    public const string None = "none";
}
