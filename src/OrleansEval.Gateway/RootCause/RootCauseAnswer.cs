namespace OrleansEval.Gateway.RootCause;

/// <summary>
/// The documented shape of the root-cause answer, which <see cref="RootCauseJson"/> writes: the metric on both sides and
/// its change, the failure mode when one is recognised, each feature's contribution with its bins, the drift of the
/// prediction and of the actual, and the parts that could not be answered.
/// </summary>
internal sealed record RootCauseAnswer(
    string ModelId,
    string Metric,
    DateTime From,
    DateTime To,
    string Source,
    RootCauseAnswer.BaselineSideAnswer Baseline,
    RootCauseAnswer.CurrentSideAnswer Current,
    double? Change,
    IReadOnlyList<RootCauseAnswer.FeatureContributionAnswer> Features,
    IReadOnlyList<RootCauseAnswer.GapAnswer> Gaps,
    bool? Approximate = null,
    string? Slice = null,
    IReadOnlyList<string>? Conditions = null,
    RootCauseAnswer.FailureModeAnswer? FailureMode = null,
    RootCauseAnswer.OutputDriftAnswer? Prediction = null,
    RootCauseAnswer.OutputDriftAnswer? Actual = null)
{
    /// <summary>
    /// The metric over the baseline's rows; on a bins answer, whether the baseline's side came from its kept counts or
    /// from counting its rows, and why when it counted rows.
    /// </summary>
    internal sealed record BaselineSideAnswer(string Name, double? Value, long Labelled, long Rows, string? Source = null, string? SourceNote = null);

    /// <summary>The metric over the window's rows, and its estimate when labels are missing.</summary>
    internal sealed record CurrentSideAnswer(double? Value, long Labelled, long Rows, double? Estimated = null);

    /// <summary>A drift measure of a column.</summary>
    internal sealed record DriftMeasureAnswer(string Measure, double? Value, bool Drifted);

    /// <summary>One feature's contribution to the change: from its mix shifting, from within its bins, and from its drift.</summary>
    internal sealed record FeatureContributionAnswer(
        string Name,
        string Type,
        DriftMeasureAnswer? Drift,
        double? Mix,
        double? Within,
        double? DriftImpact,
        double? BaselineMissingRate,
        double? CurrentMissingRate,
        IReadOnlyList<BinContributionAnswer> Bins,
        double? OutOfRangeRate = null,
        double? UnseenCategoryRate = null);

    /// <summary>One bin of a feature: a category or a numeric range (or the missing values), its shares and its metric on both sides.</summary>
    internal sealed record BinContributionAnswer(
        double? BaselineShare,
        double? CurrentShare,
        double? RowShare,
        long LabelledBaseline,
        long LabelledCurrent,
        long RowsCurrent,
        double? BaselineMetric,
        double? CurrentMetric,
        double? Mix,
        double? Within,
        double? DriftImpact,
        string? Category = null,
        double? Lower = null,
        double? Upper = null,
        bool? Missing = null);

    /// <summary>The drift of the prediction or the actual, or why it has none.</summary>
    internal sealed record OutputDriftAnswer(string Column, DriftMeasureAnswer? Drift, string? Reason = null);

    /// <summary>A part of the answer that could not be computed, and why.</summary>
    internal sealed record GapAnswer(string Part, string Reason);

    /// <summary>The recognised kind of failure, how sure it is, in a sentence, and the evidence for it.</summary>
    internal sealed record FailureModeAnswer(string Kind, double? Confidence, string Explanation, IReadOnlyList<EvidenceAnswer> Evidence);

    /// <summary>One piece of evidence for a failure mode.</summary>
    internal sealed record EvidenceAnswer(string Feature, double? Mix = null, double? Within = null, double? Share = null, string? Measure = null, double? Value = null);
}
