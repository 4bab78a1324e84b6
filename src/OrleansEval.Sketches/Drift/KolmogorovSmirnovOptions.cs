namespace OrleansEval.Sketches.Drift;

/// <summary>Choice of p-value method for the two-sample Kolmogorov–Smirnov test.</summary>
/// <param name="Method">The method; <see cref="KolmogorovSmirnovMethod.Auto"/> by default.</param>
/// <param name="ExactCellBudget">
/// Optional cap on the exact computation under <see cref="KolmogorovSmirnovMethod.Auto"/>: the exact method is used only when
/// m · n is at most this many lattice cells, otherwise the asymptotic one. Null (the default) applies the size rule alone.
/// </param>
/// <param name="FastAsymptotic">
/// When true the asymptotic p-value comes from <see cref="KolmogorovDistribution.FastSurvival"/>, in constant time, rather
/// than from <see cref="KolmogorovDistribution.Survival"/>, whose cost grows with the effective sample size in parts of its
/// range (to milliseconds near 10⁵). For latency-sensitive callers working from sketches; false by default.
/// </param>
public sealed record KolmogorovSmirnovOptions(
    KolmogorovSmirnovMethod Method = KolmogorovSmirnovMethod.Auto,
    long? ExactCellBudget = null,
    bool FastAsymptotic = false)
{
    /// <summary>Auto method, no cell budget, full-precision asymptotic p-value.</summary>
    public static KolmogorovSmirnovOptions Default { get; } = new();
}
