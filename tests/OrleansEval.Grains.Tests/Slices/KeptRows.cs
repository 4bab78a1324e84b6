using System.Collections.Immutable;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Grains.Tests.Slices;

/// <summary>
/// Records turned into the row blocks the row store answers: one block per series and UTC day, days newest first,
/// rows newest first, each with the actual it has now and the model revision its batch was counted under.
/// </summary>
internal static class KeptRows
{
    public static ImmutableArray<RowBlock> Of(ModelDefinition model, IEnumerable<RecordInput> records, IReadOnlyDictionary<string, string?> actuals, long revision) =>
    [
        .. records
            .GroupBy(r => (Series: new SeriesId(r.Version!, r.Environment!), Day: r.Timestamp.UtcDateTime.Date))
            .OrderByDescending(g => g.Key.Day)
            .ThenBy(g => g.Key.Series.Version, StringComparer.Ordinal)
            .Select(g => Block(model, g.Key.Series, [.. g.OrderByDescending(r => r.Timestamp)], actuals, revision)),
    ];

    private static RowBlock Block(ModelDefinition model, SeriesId series, List<RecordInput> rows, IReadOnlyDictionary<string, string?> actuals, long revision) => new()
    {
        Series = series,
        PredictionIds = [.. rows.Select(r => r.PredictionId)],
        Timestamps = [.. rows.Select(r => r.Timestamp)],
        Revisions = [.. rows.Select(_ => revision)],
        Features = [.. model.Features.Select(f => Column(f, rows))],
        Tags = [],
        PredictedLabels = [.. rows.Select(r => r.Prediction!.Label.AsCategory())],
        Scores = [.. rows.Select(r => r.Prediction!.Score.Number)],
        PredictedValues = [.. rows.Select(_ => double.NaN)],
        ActualLabels = [.. rows.Select(r => actuals.GetValueOrDefault(r.PredictionId))],
        ActualValues = [.. rows.Select(_ => double.NaN)],
    };

    private static RowColumn Column(FeatureDefinition feature, List<RecordInput> rows) =>
        feature.Type == FeatureType.Numeric
            ? new RowColumn(feature.Name, [.. rows.Select(r => r.Features.TryGetValue(feature.Name, out var v) ? v.Number : double.NaN)], [])
            : new RowColumn(feature.Name, [], [.. rows.Select(r => r.Features.GetValueOrDefault(feature.Name).AsCategory())]);
}
