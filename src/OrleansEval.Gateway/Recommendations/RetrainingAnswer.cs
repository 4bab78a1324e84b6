using OrleansEval.Gateway.RootCause;

namespace OrleansEval.Gateway.Recommendations;

/// <summary>
/// The documented shape of the recommendation answer, which <see cref="RecommendationJson"/> writes: whether to retrain
/// and why, the test behind the decision, the drift that matters most, both sides, the bins to add to the training set
/// with their examples links, and the parts that were not computed.
/// </summary>
internal sealed record RetrainingAnswer(
    string Metric,
    DateTime From,
    DateTime To,
    bool Retrain,
    string Reason,
    string? Basis,
    string? Test,
    double? PValue,
    RetrainingAnswer.DriftShareAnswer Drift,
    RootCauseAnswer.BaselineSideAnswer Baseline,
    RootCauseAnswer.CurrentSideAnswer Current,
    IReadOnlyList<RetrainingAnswer.AdditionAnswer> Add,
    IReadOnlyList<RootCauseAnswer.GapAnswer> NotComputed)
{
    /// <summary>The feature whose drift weighs most, and its share of the change.</summary>
    internal sealed record DriftShareAnswer(string? Feature, double? Share);

    /// <summary>A bin to add to the training set: a category or a numeric range, its shares and metric, and its examples link.</summary>
    internal sealed record AdditionAnswer(
        string Feature,
        string Condition,
        double CurrentShare,
        double BaselineShare,
        double Metric,
        double? BaselineMetric,
        long Labelled,
        string Examples,
        string? Category = null,
        double? Lower = null,
        double? Upper = null);
}
