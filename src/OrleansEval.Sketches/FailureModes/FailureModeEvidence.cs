namespace OrleansEval.Sketches.FailureModes;

/// <summary>A feature a failure mode names as evidence, with the figures the rule read.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Mix">Its mix contribution; null without labelled rows.</param>
/// <param name="Within">Its within-bin contribution; null without labelled rows.</param>
/// <param name="Share">mix / change: the share of the change its shift explains; null when the change is 0 or unknown.</param>
/// <param name="Drifted">Whether its drift measure crossed the threshold.</param>
/// <param name="Rate">For data quality, the rate that jumped (the rise of the missing rate, or the out-of-range or unseen-category rate).</param>
/// <param name="RateName">For data quality, which rate: <c>missingRateRise</c>, <c>outOfRangeRate</c> or <c>unseenCategoryRate</c>.</param>
public sealed record FailureModeEvidence(
    string Feature,
    double? Mix,
    double? Within,
    double? Share,
    bool Drifted,
    double? Rate = null,
    string? RateName = null);
