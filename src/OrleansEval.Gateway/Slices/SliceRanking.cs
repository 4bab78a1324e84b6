using System.Globalization;
using OrleansEval.Gateway.Queries;
using OrleansEval.Performance;

namespace OrleansEval.Gateway.Slices;

/// <summary>
/// The order, size floor and length of a slice listing: <c>sort</c> is <c>change</c> (the headline metric's change
/// against the baseline, worst first: accuracy falling most, MAE rising most; slices without a change last),
/// <c>size</c> (most predictions first) or <c>name</c>; <c>minSize</c> keeps slices of at least that many predictions
/// in the window; <c>limit</c> keeps the first ones. Ties go by name.
/// </summary>
internal sealed record SliceRanking(string Sort, long MinSize, int? Limit)
{
    /// <summary>The sorts a listing takes.</summary>
    public static readonly string[] Sorts = ["change", "size", "name"];

    /// <summary>The ranking of the raw fields, or the failure naming the field and its rule.</summary>
    public static (SliceRanking? Ranking, QueryFailure? Failure) Read(string? sort, string? minSize, string? limit)
    {
        if (sort is not null && !Sorts.Contains(sort))
        {
            return (null, QueryFailure.Invalid("sort", "must be change, size or name"));
        }

        long floor = 1;
        if (minSize is not null && !(long.TryParse(minSize, NumberStyles.None, CultureInfo.InvariantCulture, out floor) && floor >= 1))
        {
            return (null, QueryFailure.Invalid("minSize", "must be a whole number, at least 1"));
        }

        int? most = null;
        if (limit is not null)
        {
            if (!(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1))
            {
                return (null, QueryFailure.Invalid("limit", "must be a whole number, at least 1"));
            }

            most = count;
        }

        return (new SliceRanking(sort ?? "change", floor, most), null);
    }

    /// <summary>The listing's slices of at least the size, in the ranking's order, at most the limit.</summary>
    public SliceListing Apply(SliceListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var kept = listing.Slices.Where(status => status.Current.Predictions >= MinSize);
        var ordered = Sort switch
        {
            "size" => kept.OrderByDescending(status => status.Current.Predictions).ThenBy(Name, StringComparer.Ordinal),
            "name" => kept.OrderBy(Name, StringComparer.Ordinal),
            _ => kept.OrderBy(status => status.Change is null).ThenByDescending(Worsening).ThenBy(Name, StringComparer.Ordinal),
        };
        return listing with { Slices = [.. Limit is { } limit ? ordered.Take(limit) : ordered] };
    }

    private static string Name(SliceStatus status) => status.Current.Slice;

    // How much worse the slice got: a fall in accuracy, a rise in MAE.
    private static double Worsening(SliceStatus status) =>
        status.Change is not { } change ? 0 : status.HeadlineMetric == "accuracy" ? -change : change;
}
