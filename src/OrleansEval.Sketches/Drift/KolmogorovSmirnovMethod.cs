namespace OrleansEval.Sketches.Drift;

/// <summary>How the p-value of a two-sample Kolmogorov–Smirnov test is computed.</summary>
public enum KolmogorovSmirnovMethod
{
    /// <summary>Exact when the larger sample has at most 10,000 values (and any cell budget allows it), else asymptotic.</summary>
    Auto = 0,

    /// <summary>The exact permutation distribution (lattice-path count).</summary>
    Exact = 1,

    /// <summary>The one-sample Kolmogorov distribution at the effective sample size round(m n / (m + n)).</summary>
    Asymptotic = 2,
}
