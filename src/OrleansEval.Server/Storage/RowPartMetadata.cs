using System.Globalization;
using OrleansEval.Grains.Rows;

namespace OrleansEval.Server.Storage;

/// <summary>A part's event-time span as blob metadata (<c>newest</c>, <c>oldest</c>: UTC ticks), listed with the blob.</summary>
internal static class RowPartMetadata
{
    private const string Newest = "newest";
    private const string Oldest = "oldest";

    public static Dictionary<string, string> Of(RowPartTimes times) => new(StringComparer.Ordinal)
    {
        [Newest] = times.Newest.UtcTicks.ToString(CultureInfo.InvariantCulture),
        [Oldest] = times.Oldest.UtcTicks.ToString(CultureInfo.InvariantCulture),
    };

    public static RowPartTimes? TryRead(IDictionary<string, string>? metadata) =>
        metadata is not null && Time(metadata, Newest) is { } newest && Time(metadata, Oldest) is { } oldest
            ? new RowPartTimes(newest, oldest)
            : null;

    private static DateTimeOffset? Time(IDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text)
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
        && ticks <= DateTime.MaxValue.Ticks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;
}
