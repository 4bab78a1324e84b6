using Microsoft.AspNetCore.Http;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Gateway.Http;

/// <summary>
/// The series and window a read names in its query string: <c>version</c> (default "default"), <c>environment</c>
/// (default production), and <c>[from, to)</c> as RFC 3339 timestamps with a time zone (default: the last day).
/// </summary>
internal sealed record WindowQuery(SeriesId Series, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Window used when the request names none.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(1);

    // The event times the store accepts; windows outside them are refused rather than overflowing.
    private static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static (WindowQuery? Query, IResult? Problem) Read(IQueryCollection query, DateTimeOffset now)
    {
        var version = query["version"].FirstOrDefault() ?? SeriesId.DefaultVersion;
        if (NameChecks.Problem("version", NameKind.Name, version) is { } invalidVersion)
        {
            return (null, invalidVersion);
        }

        var environment = query["environment"].FirstOrDefault() ?? SeriesId.DefaultEnvironment;
        if (NameChecks.Problem("environment", NameKind.Environment, environment) is { } invalidEnvironment)
        {
            return (null, invalidEnvironment);
        }

        var toText = query["to"].FirstOrDefault();
        if (!TryReadTime(toText, now, out var to))
        {
            return (null, Problems.BadRequest("to", Timestamps.Problem(toText!)));
        }

        var fromText = query["from"].FirstOrDefault();
        if (!TryReadTime(fromText, to > Earliest + DefaultWindow ? to - DefaultWindow : Earliest, out var from))
        {
            return (null, Problems.BadRequest("from", Timestamps.Problem(fromText!)));
        }

        if (to <= Earliest || to > Latest)
        {
            return (null, Problems.BadRequest("to", "must be after 1970-01-01 and no later than 9000-01-01 (UTC)"));
        }

        if (from < Earliest || from >= Latest)
        {
            return (null, Problems.BadRequest("from", "must be between 1970-01-01 and 9000-01-01 (UTC)"));
        }

        return from >= to
            ? (null, Problems.BadRequest("from", "must be earlier than to"))
            : (new WindowQuery(new SeriesId(version, environment), from, to), null);
    }

    private static bool TryReadTime(string? text, DateTimeOffset fallback, out DateTimeOffset time)
    {
        if (text is null)
        {
            time = fallback;
            return true;
        }

        if (!Timestamps.TryParse(text, out time))
        {
            return false;
        }

        time = time.ToUniversalTime();
        return true;
    }
}
