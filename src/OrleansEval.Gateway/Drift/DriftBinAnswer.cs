namespace OrleansEval.Gateway.Drift;

/// <summary>
/// The documented shape of one bin of a drift answer: its bounds (numeric; null for an open end) or its category
/// (categorical; null, with <c>missing</c> true, for the bin of missing values), and each side's share and count.
/// </summary>
internal sealed record DriftBinAnswer(
    double? Baseline,
    double? Current,
    double? BaselineCount,
    double? CurrentCount,
    double? Lower = null,
    double? Upper = null,
    string? Category = null,
    bool? Missing = null);
