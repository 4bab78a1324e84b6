using System.Globalization;
using System.Text;

namespace OrleansEval.WorstSlices;

/// <summary>
/// The examples link of a slice: <c>/v1/models/{id}/examples?where=…&amp;where=…&amp;from=…&amp;to=…</c>, each value
/// URL-encoded, with the version and environment when the search named them.
/// </summary>
public static class ExamplesLink
{
    /// <summary>The link to the rows of the conjunction <paramref name="conditions"/> in the window.</summary>
    public static string For(string modelId, IEnumerable<string> conditions, DateTimeOffset from, DateTimeOffset to, string? version, string? environment)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var link = new StringBuilder("/v1/models/").Append(Uri.EscapeDataString(modelId)).Append("/examples?");
        foreach (var condition in conditions)
        {
            link.Append("where=").Append(Uri.EscapeDataString(condition)).Append('&');
        }

        if (version is not null)
        {
            link.Append("version=").Append(Uri.EscapeDataString(version)).Append('&');
        }

        if (environment is not null)
        {
            link.Append("environment=").Append(Uri.EscapeDataString(environment)).Append('&');
        }

        return link.Append("from=").Append(Uri.EscapeDataString(Time(from)))
            .Append("&to=").Append(Uri.EscapeDataString(Time(to)))
            .ToString();
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
