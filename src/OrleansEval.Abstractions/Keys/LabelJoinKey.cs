using System.Globalization;

namespace OrleansEval.Keys;

/// <summary>The key of a label-join shard: the model and the shard number, joined by '/'.</summary>
public static class LabelJoinKey
{
    private const char Separator = '/';

    /// <summary>The key of shard <paramref name="shard"/> of <paramref name="modelId"/>.</summary>
    public static string For(string modelId, int shard) => string.Create(CultureInfo.InvariantCulture, $"{modelId}{Separator}{shard}");

    /// <summary>Parses a key written by <see cref="For"/>.</summary>
    /// <exception cref="FormatException">The key is not a non-empty model id and a non-negative shard number.</exception>
    public static (string ModelId, int Shard) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(Separator);
        return parts.Length == 2 && parts[0].Length > 0 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var shard)
            ? (parts[0], shard)
            : throw new FormatException($"'{key}' is not a label-join key of the form model/shard.");
    }
}
