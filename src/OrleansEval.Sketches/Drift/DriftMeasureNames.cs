namespace OrleansEval.Sketches.Drift;

/// <summary>The API names of the drift measures, as they appear in results and threshold policies.</summary>
public static class DriftMeasureNames
{
    /// <summary>Population stability index.</summary>
    public const string Psi = "psi";

    /// <summary>Kullback–Leibler divergence of the current distribution from the reference.</summary>
    public const string KlDivergence = "klDivergence";

    /// <summary>Jensen–Shannon distance, base 2.</summary>
    public const string JsDistance = "jsDistance";

    /// <summary>Jensen–Shannon divergence, base 2.</summary>
    public const string JsDivergence = "jsDivergence";

    /// <summary>Hellinger distance.</summary>
    public const string Hellinger = "hellinger";

    /// <summary>Largest absolute difference of bin proportions.</summary>
    public const string LInfinity = "lInfinity";

    /// <summary>Total variation distance.</summary>
    public const string TotalVariation = "totalVariation";

    /// <summary>Pearson chi-square test of homogeneity on the bin counts.</summary>
    public const string ChiSquare = "chiSquare";

    /// <summary>Two-sample Kolmogorov–Smirnov test.</summary>
    public const string Ks = "ks";

    /// <summary>Wasserstein-1 distance, in the feature's units.</summary>
    public const string Wasserstein = "wasserstein";

    /// <summary>Wasserstein-1 distance divided by the reference standard deviation.</summary>
    public const string WassersteinNormed = "wassersteinNormed";
}
