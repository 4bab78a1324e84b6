namespace OrleansEval.Sketches.Drift;

/// <summary>Choice of p-value method for the two-sample Kolmogorov–Smirnov test.</summary>
/// <param name="Method">The method; <see cref="KolmogorovSmirnovMethod.Auto"/> by default.</param>
/// <param name="ExactCellBudget">
/// Optional cap on the exact computation under <see cref="KolmogorovSmirnovMethod.Auto"/>: the exact method is used only when
/// m · n is at most this many lattice cells, otherwise the asymptotic one. Null (the default) applies the size rule alone.
/// </param>
public sealed record KolmogorovSmirnovOptions(
    KolmogorovSmirnovMethod Method = KolmogorovSmirnovMethod.Auto,
    long? ExactCellBudget = null)
{
    /// <summary>Auto method, no cell budget.</summary>
    public static KolmogorovSmirnovOptions Default { get; } = new();
}
