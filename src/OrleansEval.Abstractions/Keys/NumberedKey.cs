using System.Globalization;

namespace OrleansEval.Keys;

/// <summary>The form of keys that number a model's grains of one kind: the model id and the number, joined by '/'.</summary>
internal static class NumberedKey
{
    private const char Separator = '/';

    /// <summary>The key of number <paramref name="number"/> of <paramref name="modelId"/>.</summary>
    public static string For(string modelId, int number) => string.Create(CultureInfo.InvariantCulture, $"{modelId}{Separator}{number}");

    /// <summary>Parses a key written by <see cref="For"/>; <paramref name="kind"/> names the key in the error.</summary>
    /// <exception cref="FormatException">The key is not a non-empty model id and a non-negative number.</exception>
    public static (string ModelId, int Number) Parse(string key, string kind)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(Separator);
        return parts.Length == 2 && parts[0].Length > 0 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (parts[0], number)
            : throw new FormatException($"'{key}' is not {kind} key of the form model/number.");
    }
}
