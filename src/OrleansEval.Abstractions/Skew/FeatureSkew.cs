using System.Collections.Immutable;

namespace OrleansEval.Skew;

/// <summary>
/// One feature across the joined prediction ids: how many ids it was compared on (present on at least one side), how
/// many differ (a category not equal, a number beyond the tolerance, or present on one side only), the mean and largest
/// absolute difference of numbers present on both sides (null for a categorical feature, or none), and a few ids that
/// differ with both values.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.FeatureSkew")]
[Immutable]
public sealed record FeatureSkew(
    [property: Id(0)] string Name,
    [property: Id(1)] string Type,
    [property: Id(2)] long Compared,
    [property: Id(3)] long Mismatched,
    [property: Id(4)] double? MeanAbsDifference,
    [property: Id(5)] double? MaxAbsDifference,
    [property: Id(6)] ImmutableArray<SkewExample> Examples)
{
    /// <summary>The share of compared ids whose values differ; null when none was compared.</summary>
    public double? MismatchRate => Compared == 0 ? null : (double)Mismatched / Compared;
}
