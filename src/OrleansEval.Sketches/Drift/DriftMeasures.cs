namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Every drift measure of one feature, reference against current. A null value is undefined (an empty side, too few
/// non-empty bins, a zero scale, or sample measures not requested), never a made-up number.
/// </summary>
/// <param name="Kind">The feature kind, which selects the default decision.</param>
/// <param name="Psi">Population stability index.</param>
/// <param name="KlDivergence">KL(current ‖ reference), nats.</param>
/// <param name="JsDistance">Jensen–Shannon distance, base 2.</param>
/// <param name="JsDivergence">Jensen–Shannon divergence, base 2.</param>
/// <param name="Hellinger">Hellinger distance.</param>
/// <param name="LInfinity">Largest absolute difference of proportions.</param>
/// <param name="TotalVariation">Total variation distance.</param>
/// <param name="ChiSquare">Chi-square test of homogeneity on the bin counts.</param>
/// <param name="Ks">Two-sample Kolmogorov–Smirnov test (numeric features with sorted views only).</param>
/// <param name="Wasserstein">Wasserstein-1 distance in the feature's units (numeric features with sorted views only).</param>
/// <param name="WassersteinNormed">Wasserstein-1 distance over the reference standard deviation (numeric features with sorted views and a standard deviation only).</param>
public sealed record DriftMeasures(
    DriftFeatureKind Kind,
    double? Psi,
    double? KlDivergence,
    double? JsDistance,
    double? JsDivergence,
    double? Hellinger,
    double? LInfinity,
    double? TotalVariation,
    ChiSquareResult? ChiSquare,
    KolmogorovSmirnovResult? Ks,
    double? Wasserstein,
    double? WassersteinNormed)
{
    /// <summary>
    /// The decision score of the measure named <paramref name="measure"/>: the value itself, or the p-value for
    /// <c>chiSquare</c> and <c>ks</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="DriftMeasureNames"/>.</exception>
    public double? Score(string measure) => measure switch
    {
        DriftMeasureNames.Psi => Psi,
        DriftMeasureNames.KlDivergence => KlDivergence,
        DriftMeasureNames.JsDistance => JsDistance,
        DriftMeasureNames.JsDivergence => JsDivergence,
        DriftMeasureNames.Hellinger => Hellinger,
        DriftMeasureNames.LInfinity => LInfinity,
        DriftMeasureNames.TotalVariation => TotalVariation,
        DriftMeasureNames.ChiSquare => ChiSquare?.PValue,
        DriftMeasureNames.Ks => Ks?.PValue,
        DriftMeasureNames.Wasserstein => Wasserstein,
        DriftMeasureNames.WassersteinNormed => WassersteinNormed,
        _ => throw new ArgumentException($"Unknown drift measure '{measure}'.", nameof(measure)),
    };
}
