using System.Collections.Immutable;
using OrleansEval.Models;

namespace OrleansEval.Skew;

/// <summary>
/// A skew check answered: each side's series and rows read, the prediction ids found on both, and every feature sorted by
/// mismatch rate, highest first; <see cref="Reason"/> says why nothing was compared when no id joined.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.SkewReport")]
[Immutable]
public sealed record SkewReport(
    [property: Id(0)] SeriesId Reference,
    [property: Id(1)] SeriesId Current,
    [property: Id(2)] long ReferenceRows,
    [property: Id(3)] long CurrentRows,
    [property: Id(4)] long Joined,
    [property: Id(5)] double Tolerance,
    [property: Id(6)] ImmutableArray<FeatureSkew> Features,
    [property: Id(7)] string? Reason,
    [property: Id(8)] bool Sampled);
