using OrleansEval.Models;

namespace OrleansEval.Slices;

/// <summary>The key of a slice grain: model, version, environment and slice family, joined by '/'.</summary>
public static class SliceGrainKey
{
    private const char Separator = '/';

    /// <summary>The key of <paramref name="family"/> in <paramref name="series"/> of <paramref name="modelId"/>.</summary>
    public static string For(string modelId, SeriesId series, string family)
    {
        ArgumentNullException.ThrowIfNull(series);
        return string.Join(Separator, modelId, series.Version, series.Environment, family);
    }

    /// <summary>Parses a key written by <see cref="For"/>.</summary>
    /// <exception cref="FormatException">The key does not have four non-empty parts.</exception>
    public static (string ModelId, SeriesId Series, string Family) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(Separator);
        if (parts.Length != 4 || parts.Any(string.IsNullOrEmpty))
        {
            throw new FormatException($"'{key}' is not a slice grain key of the form model/version/environment/family.");
        }

        return (parts[0], new SeriesId(parts[1], parts[2]), parts[3]);
    }
}
