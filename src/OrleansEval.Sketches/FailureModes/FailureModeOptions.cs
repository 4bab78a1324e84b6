namespace OrleansEval.Sketches.FailureModes;

/// <summary>
/// The thresholds of the failure-mode rules, bound from the <c>OrleansEval:FailureModes</c> configuration section.
/// <see cref="Validate"/> names every setting out of its range.
/// </summary>
public sealed class FailureModeOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "OrleansEval:FailureModes";

    /// <summary>Significance level of the test of the current metric against the baseline's; above it the change is <c>none</c>.</summary>
    public double SignificanceLevel { get; set; } = 0.05;

    /// <summary>
    /// A feature's data quality broke when its missing rate rose by at least this much over the baseline's, or its
    /// out-of-range or unseen-category rate reached it (shares of the window's rows).
    /// </summary>
    public double QualityJump { get; set; } = 0.1;

    /// <summary>Covariate shift: the leading feature's mix explains at least this share of the change.</summary>
    public double CovariateShare { get; set; } = 0.5;

    /// <summary>Confidence of a call whose inputs drifted while no rule named the drift as the cause is scaled by this.</summary>
    public double MixedCausePenalty { get; set; } = 0.5;

    /// <summary>How many features a failure mode names as its evidence, at most.</summary>
    public int EvidenceFeatures { get; set; } = 3;

    /// <summary>Recommendations: a bin is under-represented when its current share is at least this many times its baseline share.</summary>
    public double UnderRepresentedRatio { get; set; } = 1.5;

    /// <summary>Recommendations: a bin is named only with at least this many labelled current rows.</summary>
    public long MinLabelledRows { get; set; } = 30;

    /// <summary>Recommendations: retraining is advised when the features' drift explains at least this share of the change.</summary>
    public double DriftExplainsShare { get; set; } = 0.1;

    /// <summary>Recommendations: the most bins named, the largest expected gain first.</summary>
    public int MaxAdditions { get; set; } = 20;

    /// <summary>The settings out of their range, each as a sentence naming it; empty when every setting is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        Check(failures, SignificanceLevel is > 0 and < 1, "SignificanceLevel must be in (0, 1).");
        Check(failures, QualityJump is > 0 and <= 1, "QualityJump must be in (0, 1].");
        Check(failures, CovariateShare is > 0 and <= 1, "CovariateShare must be in (0, 1].");
        Check(failures, MixedCausePenalty is > 0 and <= 1, "MixedCausePenalty must be in (0, 1].");
        Check(failures, EvidenceFeatures is >= 1 and <= 100, "EvidenceFeatures must be between 1 and 100.");
        Check(failures, UnderRepresentedRatio is > 1 and < 1e6, "UnderRepresentedRatio must be above 1.");
        Check(failures, MinLabelledRows >= 1, "MinLabelledRows must be at least 1.");
        Check(failures, MaxAdditions is >= 1 and <= 1_000, "MaxAdditions must be between 1 and 1000.");
        Check(failures, DriftExplainsShare is > 0 and <= 1, "DriftExplainsShare must be in (0, 1].");
        return failures;
    }

    private static void Check(List<string> failures, bool valid, string rule)
    {
        if (!valid)
        {
            failures.Add($"{SectionName}:{rule}");
        }
    }
}
