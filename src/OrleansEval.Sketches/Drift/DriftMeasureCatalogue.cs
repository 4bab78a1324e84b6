using System.Collections.Immutable;

namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Every drift measure the store computes, in the order answers list them. A measure is added by writing its type
/// (an <see cref="IDriftMeasure"/>) and registering its instance here; the calculator, the drift answer, monitors and
/// alerts find its name, what it applies to, its direction and its default threshold through this list.
/// </summary>
public static class DriftMeasureCatalogue
{
    /// <summary>Every measure, binned ones first, in the order of the drift answer.</summary>
    public static ImmutableArray<IDriftMeasure> All { get; } =
    [
        PopulationStabilityIndex.Instance,
        KullbackLeiblerDivergence.Instance,
        JensenShannonDistance.Instance,
        JensenShannonDivergence.Instance,
        HellingerDistance.Instance,
        LInfinityDistance.Instance,
        TotalVariationDistance.Instance,
        ChiSquareTest.Instance,
        KolmogorovSmirnovTest.Instance,
        WassersteinDistance.Instance,
        NormalizedWassersteinDistance.Instance,
        AndersonDarlingTest.Instance,
    ];

    /// <summary>The measure that decides drift when a policy names none: psi for numeric features, jsDistance for categorical ones.</summary>
    public static IDriftMeasure DefaultFor(DriftFeatureKind kind) =>
        kind == DriftFeatureKind.Numeric ? PopulationStabilityIndex.Instance : JensenShannonDistance.Instance;

    /// <summary>The measures defined for features of <paramref name="kind"/>, in catalogue order.</summary>
    public static IEnumerable<IDriftMeasure> For(DriftFeatureKind kind) => All.Where(m => m.AppliesTo(kind));

    /// <summary>The measure named <paramref name="name"/> (ordinal, case-sensitive), or null when there is none.</summary>
    public static IDriftMeasure? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
}
