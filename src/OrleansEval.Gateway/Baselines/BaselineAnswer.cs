namespace OrleansEval.Gateway.Baselines;

/// <summary>
/// The documented shape of a frozen baseline as PUT and GET /v1/models/{modelId}/baselines/{name} answer it: the window
/// it was frozen from and each column's distribution (cut points, mean and deviation for a numeric column, categories
/// for a categorical one, and the count of each bin).
/// </summary>
internal sealed record BaselineAnswer(
    string ModelId,
    string Name,
    long Revision,
    string Version,
    string Environment,
    DateTimeOffset? From,
    DateTimeOffset? To,
    DateTimeOffset FrozenAt,
    long Records,
    IReadOnlyList<BaselineAnswer.BaselineColumnAnswer> Columns)
{
    /// <summary>One column's frozen distribution.</summary>
    internal sealed record BaselineColumnAnswer(
        string Name,
        string Type,
        long Count,
        long Missing,
        IReadOnlyList<double>? CutPoints,
        IReadOnlyList<string>? Categories,
        IReadOnlyList<long> Counts,
        double? Mean,
        double? StandardDeviation,
        bool Approximate);
}
