using System.Globalization;
using System.Text.RegularExpressions;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Http;

/// <summary>
/// The one timestamp format of the API, RFC 3339 (the ISO-8601 profile with a time and a zone):
/// <c>2024-05-01T10:00:00Z</c>, <c>2024-05-01T10:00:00.250+02:00</c>. The date, the 'T', hours, minutes and
/// seconds are required, fractional seconds take 1 to 9 digits (kept to 100 ns), and the zone is 'Z' or ±hh:mm up
/// to ±14:00. Nothing else is read: no date alone, no missing zone, no spaces or trailing text.
/// </summary>
internal static partial class Timestamps
{
    /// <summary>The rule, as error details quote it.</summary>
    public const string Rule = "must be an RFC 3339 date and time with a time zone, such as 2024-05-01T10:00:00Z or 2024-05-01T12:00:00.5+02:00";

    public static bool TryParse(string? text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        var match = text is null ? null : Pattern().Match(text);
        if (match is not { Success: true })
        {
            return false;
        }

        var utc = match.Groups["zone"].Value is "Z";
        var offset = utc ? TimeSpan.Zero : new TimeSpan(Number(match, "oh"), Number(match, "om"), 0) * (match.Groups["sign"].Value == "-" ? -1 : 1);
        if (offset.Duration() > TimeSpan.FromHours(14) || (!utc && Number(match, "om") > 59))
        {
            return false;
        }

        var fraction = match.Groups["fraction"].Value;
        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
        try
        {
            var local = new DateTime(Number(match, "y"), Number(match, "mo"), Number(match, "d"), Number(match, "h"), Number(match, "mi"), Number(match, "s"), DateTimeKind.Unspecified);
            timestamp = new DateTimeOffset(local.AddTicks(ticks), offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A day, hour, minute or second out of range (2024-02-30, 24:00:00, a leap second), or a time the zone moves out of range.
            return false;
        }
    }

    /// <summary>The problem text for <paramref name="text"/>: the quoted value and the rule.</summary>
    public static string Problem(string text) => $"{Quoting.Quote(text)} {Rule}";

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"\A(?<y>[0-9]{4})-(?<mo>[0-9]{2})-(?<d>[0-9]{2})T(?<h>[0-9]{2}):(?<mi>[0-9]{2}):(?<s>[0-9]{2})(?:\.(?<fraction>[0-9]{1,9}))?(?<zone>Z|(?<sign>[+-])(?<oh>[0-9]{2}):(?<om>[0-9]{2}))\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
