using System.Collections.Immutable;
using OrleansEval.Models;

namespace OrleansEval.Gateway.Examples;

/// <summary>
/// The column names of the tabular examples formats (CSV, Parquet), one per field of a record: <c>predictionId</c>,
/// <c>timestamp</c>, <c>version</c>, <c>environment</c>, <c>feature.{name}</c> per feature, <c>tag.{name}</c> per tag,
/// then <c>prediction.label</c>, <c>prediction.score</c> and <c>actual.label</c> for a classifier or
/// <c>prediction.value</c> and <c>actual.value</c> for a regressor. The prefixes keep a feature named like a record
/// field apart from it.
/// </summary>
internal static class FlatColumns
{
    public static ImmutableArray<string> Record { get; } = ["predictionId", "timestamp", "version", "environment"];

    public static ImmutableArray<string> Classifier { get; } = ["prediction.label", "prediction.score", "actual.label"];

    public static ImmutableArray<string> Regressor { get; } = ["prediction.value", "actual.value"];

    public static string Feature(string name) => "feature." + name;

    public static string Tag(string name) => "tag." + name;

    public static IEnumerable<string> Of(ModelDefinition model) =>
        Record
            .Concat(model.Features.Select(f => Feature(f.Name)))
            .Concat(model.Tags.Select(t => Tag(t.Name)))
            .Concat(model.Task == ModelTask.Regression ? Regressor : Classifier);
}
