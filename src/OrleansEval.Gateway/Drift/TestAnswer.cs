namespace OrleansEval.Gateway.Drift;

/// <summary>
/// The documented shape of a statistical test's result in a drift answer (chi-square, Kolmogorov–Smirnov,
/// Anderson–Darling): its statistic and p-value, and the parts only some tests have.
/// </summary>
internal sealed record TestAnswer(
    double? Statistic,
    double? PValue,
    double? Dof = null,
    string? Method = null,
    bool? Approximate = null);
