namespace OrleansEval.Sketches.Drift;

/// <summary>The outcome of a chi-square test of homogeneity: statistic, upper-tail p-value and degrees of freedom.</summary>
/// <param name="Statistic">Pearson's χ² statistic (with Yates' correction where it applies).</param>
/// <param name="PValue">P(χ²(dof) ≥ statistic).</param>
/// <param name="DegreesOfFreedom">Non-empty bins − 1.</param>
public readonly record struct ChiSquareResult(double Statistic, double PValue, int DegreesOfFreedom);
