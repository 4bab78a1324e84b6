using OrleansEval.Models;

namespace OrleansEval.Skew;

/// <summary>
/// A per-example skew check: the rows of <see cref="Current"/> with event times in [<see cref="From"/>, <see cref="To"/>)
/// joined by prediction id to the rows of <see cref="Reference"/> with event times in [<see cref="ReferenceFrom"/>,
/// <see cref="ReferenceTo"/>), compared feature by feature; numbers differ when
/// |a − b| &gt; <see cref="Tolerance"/>·max(|a|, |b|).
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.SkewQuery")]
[Immutable]
public sealed record SkewQuery(
    [property: Id(0)] SeriesId Reference,
    [property: Id(1)] SeriesId Current,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To,
    [property: Id(4)] DateTimeOffset ReferenceFrom,
    [property: Id(5)] DateTimeOffset ReferenceTo,
    [property: Id(6)] double Tolerance)
{
    /// <summary>The relative tolerance when the request names none.</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>The longest window of either side.</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(366);

    /// <summary>The first field that breaks its rule, with the rule; null when none does.</summary>
    public (string Field, string Rule)? Check()
    {
        if (Reference == Current)
        {
            return ("reference", "must name another version or environment than current");
        }

        if (!(From < To) || To - From > LongestWindow)
        {
            return ("from", "must be earlier than to, at most 366 days before it");
        }

        if (!(ReferenceFrom < ReferenceTo) || ReferenceTo - ReferenceFrom > LongestWindow)
        {
            return ("referenceFrom", "must be earlier than referenceTo, at most 366 days before it");
        }

        return !(Tolerance >= 0) || !double.IsFinite(Tolerance) ? ("tolerance", "must be a finite number, at least 0") : null;
    }
}
