using OrleansEval.Gateway.Http;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Gateway.Queries;

/// <summary>
/// The series and window a read names: <c>version</c> (default "default"), <c>environment</c> (default production),
/// and <c>[from, to)</c> as RFC 3339 timestamps with a time zone (default: the last day).
/// </summary>
internal sealed record WindowQuery(SeriesId Series, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Window used when the request names none.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(1);

    // The event times the store accepts; windows outside them are refused rather than overflowing.
    private static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Checks <paramref name="fields"/> in the order every read reports them: version, environment, to, from.</summary>
    public static (WindowQuery? Query, QueryFailure? Failure) Read(WindowFields fields, DateTimeOffset now)
    {
        var version = fields.Version ?? SeriesId.DefaultVersion;
        if (QueryFailure.OfName("version", NameKind.Name, version) is { } invalidVersion)
        {
            return (null, invalidVersion);
        }

        var environment = fields.Environment ?? SeriesId.DefaultEnvironment;
        if (QueryFailure.OfName("environment", NameKind.Environment, environment) is { } invalidEnvironment)
        {
            return (null, invalidEnvironment);
        }

        if (!TryReadTime(fields.To, now, out var to))
        {
            return (null, QueryFailure.Invalid("to", Timestamps.Problem(fields.To!)));
        }

        if (!TryReadTime(fields.From, to > Earliest + DefaultWindow ? to - DefaultWindow : Earliest, out var from))
        {
            return (null, QueryFailure.Invalid("from", Timestamps.Problem(fields.From!)));
        }

        if (to <= Earliest || to > Latest)
        {
            return (null, QueryFailure.Invalid("to", "must be after 1970-01-01 and no later than 9000-01-01 (UTC)"));
        }

        if (from < Earliest || from >= Latest)
        {
            return (null, QueryFailure.Invalid("from", "must be between 1970-01-01 and 9000-01-01 (UTC)"));
        }

        return from >= to
            ? (null, QueryFailure.Invalid("from", "must be earlier than to"))
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
