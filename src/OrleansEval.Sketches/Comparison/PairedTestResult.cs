namespace OrleansEval.Sketches.Comparison;

/// <summary>
/// A paired significance test of two models on the same rows: the test's name, its statistic and two-sided p-value.
/// </summary>
/// <param name="Test"><c>mcnemarExact</c>, <c>mcnemar</c> (χ² with continuity correction), <c>delong</c> or <c>pairedT</c>.</param>
/// <param name="Statistic">The test statistic: the smaller discordant count (exact McNemar), χ², z or t.</param>
/// <param name="PValue">The two-sided p-value, in [0, 1].</param>
public sealed record PairedTestResult(string Test, double Statistic, double PValue);
