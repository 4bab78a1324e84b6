using OrleansEval.Models;

namespace OrleansEval.Slices;

/// <summary>The key of a slice grain: model, version, environment and slice family, joined by '/'.</summary>
public static class SliceGrainKey
{
    /// <summary>The key of <paramref name="family"/> in <paramref name="series"/> of <paramref name="modelId"/>.</summary>
    public static string For(string modelId, SeriesId series, string family)
    {
        ArgumentNullException.ThrowIfNull(series);
        return string.Join('/', modelId, series.Version, series.Environment, family);
    }
}
