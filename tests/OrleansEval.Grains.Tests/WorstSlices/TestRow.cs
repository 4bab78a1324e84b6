using System.Collections.Immutable;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Tests.WorstSlices;

/// <summary>A kept row as a test writes it; <see cref="Block"/> packs rows into the row store's columnar block.</summary>
internal sealed record TestRow(
    string Id,
    IReadOnlyDictionary<string, object?> Features,
    IReadOnlyDictionary<string, string> Tags,
    string? Predicted,
    double Score,
    string? Actual,
    double PredictedValue = double.NaN,
    double ActualValue = double.NaN)
{
    /// <summary>The rows as one block of the default series, the model's features in schema order, tags by first sight.</summary>
    public static RowBlock Block(ModelDefinition model, IReadOnlyList<TestRow> rows, bool sampled = false)
    {
        var tagNames = rows.SelectMany(row => row.Tags.Keys).Distinct().ToList();
        return new RowBlock
        {
            Series = new SeriesId(SeriesId.DefaultVersion, SeriesId.DefaultEnvironment),
            PredictionIds = [.. rows.Select(row => row.Id)],
            Timestamps = [.. rows.Select((_, i) => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(-i))],
            Revisions = [.. rows.Select(_ => 1L)],
            Features = [.. model.Features.Select(feature => feature.Type == FeatureType.Numeric
                ? new RowColumn(feature.Name, [.. rows.Select(row => row.Features.GetValueOrDefault(feature.Name) is double value ? value : double.NaN)], [])
                : new RowColumn(feature.Name, [], [.. rows.Select(row => row.Features.GetValueOrDefault(feature.Name) as string)]))],
            Tags = [.. tagNames.Select(tag => new RowColumn(tag, [], [.. rows.Select(row => row.Tags.GetValueOrDefault(tag))]))],
            PredictedLabels = [.. rows.Select(row => row.Predicted)],
            Scores = [.. rows.Select(row => row.Score)],
            PredictedValues = [.. rows.Select(row => row.PredictedValue)],
            ActualLabels = [.. rows.Select(row => row.Actual)],
            ActualValues = [.. rows.Select(row => row.ActualValue)],
            Sampled = sampled,
        };
    }

    /// <summary>The blocks as the row reader streams them.</summary>
    public static async IAsyncEnumerable<RowBlock> Stream(IEnumerable<RowBlock> blocks)
    {
        foreach (var block in blocks)
        {
            await Task.Yield();
            yield return block;
        }
    }

    /// <summary>No tags.</summary>
    public static IReadOnlyDictionary<string, string> NoTags { get; } = ImmutableDictionary<string, string>.Empty;
}
