namespace OrleansEval.Sketches.Drift;

/// <summary>The outcome of a two-sample Kolmogorov–Smirnov test.</summary>
/// <param name="Statistic">D = sup |F_reference − F_current|.</param>
/// <param name="PValue">Two-sided P(D' ≥ D) under the null hypothesis of one common distribution.</param>
/// <param name="Method">The method that produced the p-value: <see cref="KolmogorovSmirnovMethod.Exact"/> or <see cref="KolmogorovSmirnovMethod.Asymptotic"/>.</param>
public readonly record struct KolmogorovSmirnovResult(double Statistic, double PValue, KolmogorovSmirnovMethod Method);
