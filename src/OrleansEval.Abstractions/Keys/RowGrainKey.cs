using OrleansEval.Models;

namespace OrleansEval.Keys;

/// <summary>
/// The key of a row grain: <c>model/version/environment</c> for the rows of one series, or <c>model/@actuals</c> for
/// the model's late actuals. '@' is in no name's alphabet (<see cref="NameRules"/>), so no version can take the
/// actuals' place, and '/' in no name, so the key parses back unambiguously.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.RowGrainKey")]
[Immutable]
public sealed record RowGrainKey([property: Id(0)] string ModelId, [property: Id(1)] SeriesId? Series)
{
    /// <summary>The key part that names a model's late actuals.</summary>
    public const string ActualsPart = "@actuals";

    private const char Separator = '/';

    /// <summary>True for the key of the model's late actuals.</summary>
    public bool IsActuals => Series is null;

    /// <summary>The key of the rows of <paramref name="series"/> of <paramref name="modelId"/>.</summary>
    public static RowGrainKey For(string modelId, SeriesId series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new RowGrainKey(modelId, series);
    }

    /// <summary>The key of the late actuals of <paramref name="modelId"/>.</summary>
    public static RowGrainKey Actuals(string modelId) => new(modelId, null);

    /// <summary>Parses a key written by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">The key is neither model/version/environment nor model/@actuals.</exception>
    public static RowGrainKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split(Separator);
        if (parts.Any(string.IsNullOrEmpty) || parts.Length is < 2 or > 3 || (parts.Length == 2) != (parts[1] == ActualsPart))
        {
            throw new FormatException($"'{key}' is not a row grain key of the form model/version/environment or model/{ActualsPart}.");
        }

        return parts.Length == 2 ? Actuals(parts[0]) : new RowGrainKey(parts[0], new SeriesId(parts[1], parts[2]));
    }

    /// <inheritdoc />
    public override string ToString() =>
        Series is null ? string.Join(Separator, ModelId, ActualsPart) : string.Join(Separator, ModelId, Series.Version, Series.Environment);
}
