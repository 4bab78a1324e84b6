using OrleansEval.Keys;

namespace OrleansEval.Gateway.Http;

/// <summary>
/// The one timestamp format of the API, RFC 3339 (the ISO-8601 profile with a time and a zone):
/// <c>2024-05-01T10:00:00Z</c>, <c>2024-05-01T10:00:00.250+02:00</c>. The date, the 'T', hours, minutes and
/// seconds are required, fractional seconds take 1 to 9 digits (kept to 100 ns), and the zone is 'Z' or ±hh:mm up
/// to ±14:00. Nothing else is read: no date alone, no missing zone, no spaces or trailing text.
/// </summary>
internal static class Timestamps
{
    /// <summary>The rule, as error details quote it.</summary>
    public const string Rule = "must be an RFC 3339 date and time with a time zone, such as 2024-05-01T10:00:00Z or 2024-05-01T12:00:00.5+02:00";

    public static bool TryParse(string? text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        return text is not null && TryParse(text.AsSpan(), out timestamp);
    }

    /// <summary>Reads <paramref name="text"/> by the rule above, without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (text.Length < 20 || !Digits(text, 0, 4, out var year) || text[4] != '-' || !Digits(text, 5, 2, out var month)
            || text[7] != '-' || !Digits(text, 8, 2, out var day) || text[10] != 'T' || !Digits(text, 11, 2, out var hour)
            || text[13] != ':' || !Digits(text, 14, 2, out var minute) || text[16] != ':' || !Digits(text, 17, 2, out var second))
        {
            return false;
        }

        var at = 19;
        if (!TryFraction(text, ref at, out var ticks) || !TryZone(text[at..], out var offset))
        {
            return false;
        }

        try
        {
            var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
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

    // Fractional seconds: a '.' and 1 to 9 digits, kept to 100 ns; none at all is no fraction.
    private static bool TryFraction(ReadOnlySpan<char> text, ref int at, out long ticks)
    {
        ticks = 0;
        if (text[at] != '.')
        {
            return true;
        }

        var first = ++at;
        while (at < text.Length && char.IsAsciiDigit(text[at]))
        {
            at++;
        }

        var digits = at - first;
        for (var i = 0; i < 7; i++)
        {
            ticks = (ticks * 10) + (i < digits ? text[first + i] - '0' : 0);
        }

        return digits is >= 1 and <= 9 && at < text.Length;
    }

    // 'Z', or ±hh:mm up to ±14:00, and nothing after it.
    private static bool TryZone(ReadOnlySpan<char> zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone is ['Z'])
        {
            return true;
        }

        if (zone.Length != 6 || zone[0] is not ('+' or '-') || !Digits(zone, 1, 2, out var hours) || zone[3] != ':' || !Digits(zone, 4, 2, out var minutes))
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
        return offset.Duration() <= TimeSpan.FromHours(14) && minutes <= 59;
    }

    private static bool Digits(ReadOnlySpan<char> text, int at, int count, out int value)
    {
        value = 0;
        for (var i = at; i < at + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }
}
