using System.Globalization;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// The event times of a part's newest and oldest rows, kept in its Parquet footer as key-value metadata
/// (<c>orleanseval.newest</c>, <c>orleanseval.oldest</c>, ISO 8601 UTC): a reader learns from them which parts can hold
/// the newest rows not yet answered without reading the parts' columns.
/// </summary>
internal static class RowPartSpan
{
    /// <summary>The footer key of the newest row's event time.</summary>
    public const string NewestKey = "orleanseval.newest";

    /// <summary>The footer key of the oldest row's event time.</summary>
    public const string OldestKey = "orleanseval.oldest";

    /// <summary>The footer metadata of a part whose rows span [<paramref name="oldest"/>, <paramref name="newest"/>].</summary>
    public static Dictionary<string, string> Metadata(DateTimeOffset newest, DateTimeOffset oldest) => new(StringComparer.Ordinal)
    {
        [NewestKey] = newest.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        [OldestKey] = oldest.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>The span recorded in <paramref name="metadata"/>; false when a part has none (it was written before spans were).</summary>
    public static bool TryRead(IReadOnlyDictionary<string, string> metadata, out DateTimeOffset newest, out DateTimeOffset oldest)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        newest = oldest = default;
        return metadata.TryGetValue(NewestKey, out var newestText)
            && metadata.TryGetValue(OldestKey, out var oldestText)
            && DateTimeOffset.TryParse(newestText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out newest)
            && DateTimeOffset.TryParse(oldestText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out oldest);
    }
}
