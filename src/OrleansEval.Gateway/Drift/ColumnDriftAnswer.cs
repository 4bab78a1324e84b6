namespace OrleansEval.Gateway.Drift;

/// <summary>
/// The documented shape of one column's drift: counts, data-quality rates, every measure (null where undefined; a
/// test as an object of its parts), the bins both sides were compared on, and the verdict of the column's measure.
/// A numeric column has <c>outOfRangeRate</c>, <c>mean</c> and bins with bounds; a categorical one
/// <c>unseenCategoryRate</c> and bins by category.
/// </summary>
internal sealed record ColumnDriftAnswer(
    string Name,
    string Type,
    long Count,
    long Missing,
    long TypeErrors,
    double? MissingRate,
    double? TypeErrorRate,
    IReadOnlyList<DriftBinAnswer> Bins,
    bool Drifted,
    string Measure,
    double Threshold,
    bool Approximate,
    double? OutOfRangeRate = null,
    double? UnseenCategoryRate = null,
    double? Psi = null,
    double? KlDivergence = null,
    double? JsDistance = null,
    double? JsDivergence = null,
    double? Hellinger = null,
    double? LInfinity = null,
    double? TotalVariation = null,
    TestAnswer? ChiSquare = null,
    TestAnswer? Ks = null,
    double? Wasserstein = null,
    double? WassersteinNormed = null,
    TestAnswer? AndersonDarling = null,
    double? Mean = null,
    string? Note = null);
