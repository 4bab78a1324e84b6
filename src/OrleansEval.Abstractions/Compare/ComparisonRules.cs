using System.Globalization;

namespace OrleansEval.Compare;

/// <summary>The rules of a comparison's parameters, checked by the gateway and again by the silo.</summary>
public static class ComparisonRules
{
    /// <summary>The most versions one comparison takes.</summary>
    public const int MostVersions = 10;

    /// <summary>
    /// The most rows of one series a comparison or a skew check holds while it works (they are held in the silo's
    /// memory); a window with more is refused, to be narrowed.
    /// </summary>
    public const int MostRowsPerSeries = 5_000_000;

    /// <summary>The longest window compared.</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(366);

    /// <summary>The first field of <paramref name="query"/> that breaks its rule, with the rule; null when none does.</summary>
    public static (string Field, string Rule)? Check(ComparisonQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Versions.IsDefault || query.Versions.Length < 2)
        {
            return ("versions", "must name at least two versions, the champion first (version or version@environment, comma-separated)");
        }

        if (query.Versions.Length > MostVersions)
        {
            return ("versions", $"must name at most {MostVersions} versions");
        }

        if (query.Versions.Distinct().Count() != query.Versions.Length)
        {
            return ("versions", "must not name a version and environment twice");
        }

        if (!(query.From < query.To))
        {
            return ("from", "must be earlier than to");
        }

        if (query.To - query.From > LongestWindow)
        {
            return ("from", $"the window must be at most {LongestWindow.TotalDays.ToString(CultureInfo.InvariantCulture)} days");
        }

        return query.MinSize is < 1 ? ("minSize", "must be at least 1") : null;
    }
}
