using System.Collections.Immutable;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Gateway.Tests.Examples;

/// <summary>Row blocks built the way the row store answers them, for a binary model with features airport and hour and tag gate.</summary>
internal static class Blocks
{
    public static ModelDefinition Model { get; } = new()
    {
        Task = ModelTask.BinaryClassification,
        Features = [new FeatureDefinition("airport", FeatureType.Categorical), new FeatureDefinition("hour", FeatureType.Numeric)],
        Tags = [new FeatureDefinition("gate", FeatureType.Categorical)],
    };

    public static ModelSnapshot Snapshot { get; } = new("flights", Model, 3, [], [], [], [], []);

    /// <summary>One kept row: a binary prediction with its score, and its actual (null when none is known).</summary>
    public sealed record Row(string Id, DateTimeOffset Time, string? Airport, double Hour, string? Gate, string? Predicted, double Score, string? Actual, long Revision = 1);

    /// <summary>A block of <paramref name="series"/> with <paramref name="rows"/> put newest first.</summary>
    public static RowBlock Of(SeriesId series, params Row[] rows) => Of(series, false, rows);

    public static RowBlock Of(SeriesId series, bool sampled, params Row[] rows)
    {
        var sorted = rows.OrderByDescending(r => r.Time).ToList();
        var tags = sorted.Any(r => r.Gate is not null)
            ? ImmutableArray.Create(new RowColumn("gate", [], [.. sorted.Select(r => r.Gate)]))
            : [];
        return new RowBlock
        {
            Series = series,
            PredictionIds = [.. sorted.Select(r => r.Id)],
            Timestamps = [.. sorted.Select(r => r.Time)],
            Revisions = [.. sorted.Select(r => r.Revision)],
            Features =
            [
                new RowColumn("airport", [], [.. sorted.Select(r => r.Airport)]),
                new RowColumn("hour", [.. sorted.Select(r => r.Hour)], []),
            ],
            Tags = tags,
            PredictedLabels = [.. sorted.Select(r => r.Predicted)],
            Scores = [.. sorted.Select(r => r.Score)],
            PredictedValues = [.. sorted.Select(_ => double.NaN)],
            ActualLabels = [.. sorted.Select(r => r.Actual)],
            ActualValues = [.. sorted.Select(_ => double.NaN)],
            Sampled = sampled,
        };
    }

    public static async IAsyncEnumerable<RowBlock> Stream(params RowBlock[] blocks)
    {
        foreach (var block in blocks)
        {
            await Task.Yield();
            yield return block;
        }
    }
}
