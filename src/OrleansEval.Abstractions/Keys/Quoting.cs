using System.Buffers;
using System.Globalization;
using System.Text;

namespace OrleansEval.Keys;

/// <summary>
/// Quotes what a client sent inside an error message: at most <see cref="MaxQuoted"/> characters, with control
/// characters written as escapes, so that a huge or hostile value is never echoed back or logged whole.
/// </summary>
public static class Quoting
{
    /// <summary>Most characters of a sent value an error message repeats.</summary>
    public const int MaxQuoted = 100;

    // Control characters and surrogates: a value without any, short enough, is quoted as it is.
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        [.. Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => char.IsControl(c) || char.IsSurrogate(c))]);

    /// <summary>The value in single quotes, cut to <see cref="MaxQuoted"/> characters ("…" marks a cut).</summary>
    public static string Quote(string? value) => value is null ? "null" : $"'{Excerpt(value)}'";

    /// <summary>
    /// Where a value sits, as an error names it: <paramref name="field"/>, or <c>field.key</c> for the value of
    /// <paramref name="key"/> in the object <paramref name="field"/>, the key cut and escaped as <see cref="Excerpt"/> does.
    /// </summary>
    public static string Path(string field, string? key) => key is null ? field : $"{field}.{Excerpt(key)}";

    /// <summary>At most <see cref="MaxQuoted"/> characters of the value, control characters escaped, "…" marking a cut.</summary>
    public static string Excerpt(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= MaxQuoted && !value.AsSpan().ContainsAny(Escaped))
        {
            return value;
        }

        var text = new StringBuilder(Math.Min(value.Length, MaxQuoted) + 8);
        var length = Math.Min(value.Length, MaxQuoted);
        for (var i = 0; i < length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                // Written as an escape: a raw control character or half a surrogate pair breaks logs and encoders.
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return value.Length > MaxQuoted ? text.Append('…').ToString() : text.ToString();
    }
}
