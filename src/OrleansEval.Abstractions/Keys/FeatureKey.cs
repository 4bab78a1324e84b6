using OrleansEval.Models;

namespace OrleansEval.Keys;

/// <summary>
/// The key of a feature grain: model, version, environment and column, joined by '/'. No part may contain '/', which
/// <see cref="NameRules"/> guarantees, so the key parses back unambiguously.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.FeatureKey")]
[Immutable]
public sealed record FeatureKey(
    [property: Id(0)] string ModelId,
    [property: Id(1)] string Version,
    [property: Id(2)] string Environment,
    [property: Id(3)] string Column)
{
    private const char Separator = '/';

    /// <summary>The key of <paramref name="column"/> in <paramref name="series"/> of <paramref name="modelId"/>.</summary>
    public static FeatureKey For(string modelId, SeriesId series, string column)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new FeatureKey(modelId, series.Version, series.Environment, column);
    }

    /// <summary>The series this column belongs to.</summary>
    public SeriesId Series => new(Version, Environment);

    /// <summary>Parses a key written by <see cref="ToString"/>.</summary>
    public static FeatureKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(Separator);
        if (parts.Length != 4 || parts.Any(string.IsNullOrEmpty))
        {
            throw new FormatException($"'{key}' is not a feature key of the form model/version/environment/column.");
        }

        return new FeatureKey(parts[0], parts[1], parts[2], parts[3]);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(Separator, ModelId, Version, Environment, Column);
}
