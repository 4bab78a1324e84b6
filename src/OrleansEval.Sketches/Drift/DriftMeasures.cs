using System.Collections.Immutable;

namespace OrleansEval.Sketches.Drift;

/// <summary>
/// Every drift measure of one feature that applies to its kind, reference against current, in catalogue order. A measure
/// with a null score is undefined (an empty side, too few non-empty bins, a zero scale, or no samples), never a made-up
/// number.
/// </summary>
/// <param name="Kind">The feature kind, which selects the measures and the default decision.</param>
/// <param name="Results">One result per measure of <see cref="DriftMeasureCatalogue.For"/> the kind.</param>
public sealed record DriftMeasures(DriftFeatureKind Kind, ImmutableArray<DriftMeasureResult> Results)
{
    /// <summary>The result of the measure named <paramref name="measure"/>, or null when the kind has no such measure.</summary>
    public DriftMeasureResult? Find(string measure) =>
        Results.FirstOrDefault(r => string.Equals(r.Name, measure, StringComparison.Ordinal));

    /// <summary>The decision score of the measure named <paramref name="measure"/>: the value itself, or a test's p-value.</summary>
    /// <exception cref="ArgumentException">The kind has no measure of that name.</exception>
    public double? Score(string measure) =>
        Find(measure) is { } result ? result.Score : throw new ArgumentException($"Unknown drift measure '{measure}'.", nameof(measure));
}
