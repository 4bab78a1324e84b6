using OrleansEval.Gateway.Compare;
using OrleansEval.Gateway.Drift;

namespace OrleansEval.Gateway.Validation;

/// <summary>
/// The documented shape of a validation report, which <see cref="ValidationJson"/> writes: the verdict and each rule's
/// finding, the slices that changed and the new ones, the drifted features, and the comparison and the candidate's
/// drift from the production baseline as the compare and drift endpoints write them.
/// </summary>
internal sealed record ValidationAnswer(
    string Id,
    DateTime At,
    ValidationAnswer.SeriesNameAnswer Candidate,
    ValidationAnswer.SeriesNameAnswer Reference,
    string Verdict,
    string ModelId,
    string Baseline,
    DateTime From,
    DateTime To,
    IReadOnlyList<ValidationAnswer.RuleAnswer> Rules,
    IReadOnlyList<ValidationAnswer.ChangedSliceAnswer> ChangedSlices,
    IReadOnlyList<ValidationAnswer.NewSliceAnswer> NewSlices,
    IReadOnlyList<string> DriftedFeatures,
    ComparisonDocument Comparison,
    DriftAnswer Skew)
{
    /// <summary>A series: a version and its environment.</summary>
    internal sealed record SeriesNameAnswer(string Version, string Environment);

    /// <summary>One rule of the verdict: its setting, whether it failed, and what was found.</summary>
    internal sealed record RuleAnswer(string Rule, string Setting, bool Failed, string Finding);

    /// <summary>A slice where the candidate differs from the reference.</summary>
    internal sealed record ChangedSliceAnswer(string Slice, long N, string Direction, double Delta, double QValue);

    /// <summary>A slice the candidate meets that the reference did not.</summary>
    internal sealed record NewSliceAnswer(string Slice, long N);
}
