using System.Globalization;
using OrleansEval.Keys;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// The layout of the row store: <c>model/version/environment/yyyy-MM-dd/rows-n.parquet</c> for a series' rows by event
/// day, <c>model/@actuals/yyyy-MM-dd/actuals-n.parquet</c> for a model's late actuals by arrival day; n is a ten-digit
/// part number, so names sort in part order.
/// </summary>
internal static class RowPaths
{
    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>The folder of every part of <paramref name="key"/>, ending in '/'.</summary>
    public static string Prefix(RowGrainKey key) => $"{key}/";

    /// <summary>The folder of <paramref name="key"/>'s parts of <paramref name="day"/>, ending in '/'.</summary>
    public static string DayPrefix(RowGrainKey key, DateOnly day) =>
        $"{Prefix(key)}{day.ToString(DayFormat, CultureInfo.InvariantCulture)}/";

    /// <summary>The name of part <paramref name="number"/> of <paramref name="key"/>'s <paramref name="day"/>.</summary>
    public static string Part(RowGrainKey key, DateOnly day, int number)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{DayPrefix(key, day)}{(key.IsActuals ? "actuals" : "rows")}-{number.ToString("D10", CultureInfo.InvariantCulture)}.parquet";
    }

    /// <summary>The day of a part name under <paramref name="key"/>'s prefix; false for a name of another form.</summary>
    public static bool TryDay(RowGrainKey key, string name, out DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(name);
        day = default;
        var prefix = Prefix(key);
        return name.StartsWith(prefix, StringComparison.Ordinal)
            && name.Length > prefix.Length + DayFormat.Length
            && DateOnly.TryParseExact(name.AsSpan(prefix.Length, DayFormat.Length), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
