namespace OrleansEval.Gateway.Models;

/// <summary>
/// The documented shape of a model as PUT and GET /v1/models/{modelId} answer it: its definition (labels and threshold
/// only for binary classification, classes only for multiclass), its baselines, and its series with their record counts
/// (null right after a definition, before the counts are read).
/// </summary>
internal sealed record ModelAnswer(
    string ModelId,
    string Task,
    string? PositiveLabel,
    string? NegativeLabel,
    double? Threshold,
    string Bucket,
    IReadOnlyList<string>? Classes,
    IReadOnlyList<ModelAnswer.ModelColumnAnswer> Features,
    IReadOnlyList<ModelAnswer.ModelColumnAnswer> Tags,
    long Revision,
    IReadOnlyList<string> Baselines,
    IReadOnlyList<string> Versions,
    IReadOnlyList<string> Environments,
    IReadOnlyList<ModelAnswer.SeriesRecordsAnswer> Series)
{
    /// <summary>A feature or tag: its name and type (<c>numeric</c> or <c>categorical</c>).</summary>
    internal sealed record ModelColumnAnswer(string Name, string Type);

    /// <summary>A series of the model and the records it holds.</summary>
    internal sealed record SeriesRecordsAnswer(string Version, string Environment, long? Records);
}
