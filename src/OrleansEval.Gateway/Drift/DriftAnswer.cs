using OrleansEval.Gateway.Queries;

namespace OrleansEval.Gateway.Drift;

/// <summary>
/// The documented shape of a drift answer, which <see cref="DriftJson"/> writes: every feature's drift as a list, the
/// prediction's and the actual's columns keyed by their part (<c>score</c>, <c>label</c>, <c>value</c>); a sliced answer
/// adds the slice, its conditions, where its rows came from and how many each side had.
/// </summary>
internal sealed record DriftAnswer(
    string ModelId,
    string Baseline,
    string Version,
    string Environment,
    WindowAnswer Window,
    long Count,
    IReadOnlyList<ColumnDriftAnswer> Features,
    IReadOnlyDictionary<string, ColumnDriftAnswer> Prediction,
    IReadOnlyDictionary<string, ColumnDriftAnswer> Actual,
    string? Slice = null,
    IReadOnlyList<string>? Conditions = null,
    string? Source = null,
    long? BaselineRows = null,
    long? CurrentRows = null,
    bool? Sampled = null);
